using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Emulator.Hosting;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Faults;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task FaultsFail_OverHttp_FailsTheNextCall()
    {
        await using var site = await TestSite.StartAsync();

        using var admin = await site.Http.PostAsync("_emulator/faults/fail?calls=1&status=504", null);
        using var failed = await site.PostAsync(new JObject { ["method_name"] = "info", ["params"] = new JArray() });
        var ok = await site.CallAsync("info");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, failed.StatusCode);
        Assert.True(ok.ContainsKey("version"));
    }

    [Fact]
    public async Task BurnIdsAndDelayEvents_AcceptAJsonBody()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);

        using var burn = await PostJsonAsync(site, "_emulator/faults/burn-ids", new JObject { ["count"] = 3 });
        using var delay = await PostJsonAsync(site, "_emulator/faults/delay-events", new JObject { ["ids"] = 1, ["seconds"] = 400 });
        site.Store.Create("Shot", new JObject { ["code"] = "s" });

        Assert.Equal(HttpStatusCode.OK, burn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delay.StatusCode);
        Assert.Equal([5, 6], site.Store.ReadEvents(0).Select(e => (int)e["id"]!));
        site.Time!.Advance(TimeSpan.FromSeconds(400));
        Assert.Equal([4, 5, 6], site.Store.ReadEvents(0).Select(e => (int)e["id"]!));
    }

    [Fact]
    public async Task SeedEventsAndStatus_ReportCounts()
    {
        await using var site = await TestSite.StartAsync();

        using var seed = await site.Http.PostAsync("_emulator/seed/events?count=250", null);
        var status = TestSite.Parse(await site.Http.GetStringAsync("_emulator/status"));

        Assert.Equal(250, (int)TestSite.Parse(await seed.Content.ReadAsStringAsync())["last_event_id"]!);
        Assert.Equal(250, (int)status["latest_event_id"]!);
        Assert.Equal(250, (int)status["event_count"]!);
    }

    [Fact]
    public async Task ClearAndExpireSessions_OverHttp()
    {
        await using var site = await TestSite.StartAsync();
        site.Server.Faults.FailNext(5, 503);
        using var clear = await site.Http.PostAsync("_emulator/faults/clear", null);
        var session = (string)(await site.ResultsAsync("get_session_token"))["session_id"]!;
        using var expire = await site.Http.PostAsync("_emulator/faults/expire-sessions", null);
        var error = await site.FaultAsync("read", new JObject { ["type"] = "Shot", ["filters"] = new JObject() }, new JObject { ["session_token"] = session });

        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal(HttpStatusCode.OK, expire.StatusCode);
        Assert.Equal(102, (int)error["error_code"]!);
        Assert.Equal(2, site.Server.Faults.CallCount);
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithAReason()
    {
        await using var site = await TestSite.StartAsync();

        using var unknown = await site.Http.PostAsync("_emulator/faults/explode", null);
        using var badNumber = await site.Http.PostAsync("_emulator/faults/fail?calls=many", null);
        using var get = await site.Http.GetAsync("_emulator/faults/fail");
        using var snapshot = await site.Http.PostAsync("_emulator/snapshot", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Contains("calls", await badNumber.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, snapshot.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.0.7", false)]
    [InlineData("fe80::1", false)]
    public void LoopbackGuard_AcceptsOnlyThisMachine(string address, bool expected) =>
        Assert.Equal(expected, LoopbackGuard.IsLoopback(IPAddress.Parse(address)));

    [Fact]
    public void LoopbackGuard_UnknownCaller_IsRefused() => Assert.False(LoopbackGuard.IsLoopback(null));

    [Fact]
    public async Task AdminEndpoint_FromANetworkAddress_IsForbidden_WhileApi3Answers()
    {
        var lanAddress = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (lanAddress is null)
        {
            // No network interface besides loopback on this machine; the guard itself is covered by the cases above.
            return;
        }

        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Host = lanAddress.ToString() });
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var admin = await http.PostAsync("_emulator/faults/fail?calls=1&status=503", null);
        using var api3 = await http.PostAsync("api3/json", new StringContent("{\"method_name\":\"info\",\"params\":[]}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api3.StatusCode);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(TestSite site, string path, JObject body) =>
        site.Http.PostAsync(path, new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
}
