using System.Net;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Faults;

/// <summary>
/// The site's answer time: every api3 call waits the latency on the site clock (a fake one here), and calls in
/// flight wait side by side rather than one after another.
/// </summary>
public sealed class LatencyTests
{
    private static readonly JObject ReadShots = new()
    {
        ["method_name"] = "read",
        ["params"] = new JArray(TestSite.ScriptAuth(), new JObject { ["type"] = "Shot", ["filters"] = new JObject(), ["return_fields"] = new JArray("id") }),
    };

    [Fact]
    public async Task Latency_ThreeConcurrentCalls_WaitSideBySide()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Server.Faults.SetLatency(TimeSpan.FromSeconds(10));

        var calls = Enumerable.Range(0, 3).Select(_ => site.PostAsync(ReadShots)).ToArray();
        await Eventually.TrueAsync(() => site.Server.Faults.CallCount == 3, "the three calls to arrive");
        site.Time!.Advance(TimeSpan.FromSeconds(9.9));
        Assert.DoesNotContain(calls, c => c.IsCompleted);
        site.Time.Advance(TimeSpan.FromSeconds(0.1));

        // One after another, the second and third would still wait for more site time; side by side, 10 s answers all.
        var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Latency_FromTheOptions_AppliesFromTheStart()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true, latency: TimeSpan.FromSeconds(5));

        var call = site.PostAsync(ReadShots);
        await Eventually.TrueAsync(() => site.Server.Faults.CallCount == 1, "the call to arrive");
        site.Time!.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(call.IsCompleted);
        site.Time.Advance(TimeSpan.FromSeconds(0.1));

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Latency_WithJitter_WaitsAtMostTheLatencyPlusTheJitter()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Server.Faults.SetLatency(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        var call = site.PostAsync(ReadShots);
        await Eventually.TrueAsync(() => site.Server.Faults.CallCount == 1, "the call to arrive");
        site.Time!.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(call.IsCompleted);
        site.Time.Advance(TimeSpan.FromSeconds(10.1));

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Latency_ServerStopping_EndsTheWaitingCall()
    {
        var site = await TestSite.StartAsync(fakeTime: true, latency: TimeSpan.FromHours(1));
        var call = site.PostAsync(ReadShots);
        await Eventually.TrueAsync(() => site.Server.Faults.CallCount == 1, "the call to arrive");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await site.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => call);
    }

    [Fact]
    public async Task SetLatency_Negative_Throws()
    {
        await using var site = await TestSite.StartAsync();
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Server.Faults.SetLatency(TimeSpan.FromMilliseconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Server.Faults.SetLatency(TimeSpan.Zero, TimeSpan.FromMilliseconds(-1)));
    }

    [Fact]
    public async Task FaultsLatency_OverHttp_SetsItShowsItInTheStatusAndSurvivesClear()
    {
        await using var site = await TestSite.StartAsync();

        using var set = await site.Http.PostAsync("_emulator/faults/latency?ms=250&jitter_ms=50", null);
        using var clear = await site.Http.PostAsync("_emulator/faults/clear", null);
        var status = TestSite.Parse(await site.Http.GetStringAsync("_emulator/status"));
        using var negative = await site.Http.PostAsync("_emulator/faults/latency?ms=-5", null);
        using var missing = await site.Http.PostAsync("_emulator/faults/latency", null);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(250, (double)status["latency_ms"]!);
        Assert.Equal(50, (double)status["latency_jitter_ms"]!);
        Assert.Equal(TimeSpan.FromMilliseconds(250), site.Server.Faults.Latency);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("latency", await negative.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'ms'", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
