using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Faults;

public sealed class FaultInjectorTests
{
    private static readonly JObject ReadShots = new()
    {
        ["method_name"] = "read",
        ["params"] = new JArray(TestSite.ScriptAuth(), new JObject { ["type"] = "Shot", ["filters"] = new JObject(), ["return_fields"] = new JArray("id") }),
    };

    [Fact]
    public async Task FailNext_AnswersTheStatusForThatManyCallsThenRecovers()
    {
        await using var site = await TestSite.StartAsync();
        site.Server.Faults.FailNext(2, 503);

        using var first = await site.PostAsync(ReadShots);
        using var second = await site.PostAsync(ReadShots);
        using var third = await site.PostAsync(ReadShots);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(3, site.Server.Faults.CallCount);
    }

    [Fact]
    public async Task FailNext429_SendsRetryAfter()
    {
        await using var site = await TestSite.StartAsync();
        site.Server.Faults.FailNext(1, 429, TimeSpan.FromSeconds(7));

        using var response = await site.PostAsync(ReadShots);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task HangNext_HoldsTheCallUntilTheSiteClockPasses()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Server.Faults.HangNext(1, TimeSpan.FromSeconds(10));

        var call = site.PostAsync(ReadShots);
        await Eventually.TrueAsync(() => site.Server.Faults.CallCount == 1, "the hung call to arrive");
        Assert.False(call.IsCompleted);
        var advanced = 0;
        await Eventually.TrueAsync(() =>
        {
            site.Time!.Advance(TimeSpan.FromSeconds(1));
            advanced++;
            return call.IsCompleted;
        }, "the hung call to be answered");

        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(advanced >= 10, $"answered after {advanced} s of site time");
    }

    [Fact]
    public async Task HangNext_ServerStopping_EndsTheHungCallInsteadOfWaitingForIt()
    {
        var site = await TestSite.StartAsync(fakeTime: true);
        site.Server.Faults.HangNext(1, TimeSpan.FromHours(1));
        var call = site.PostAsync(ReadShots);
        await Eventually.TrueAsync(() => site.Server.Faults.CallCount == 1, "the hung call to arrive");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await site.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => call);
    }

    [Fact]
    public async Task ResetNext_DropsTheConnectionWithoutAnAnswer()
    {
        await using var site = await TestSite.StartAsync();
        site.Server.Faults.ResetNext(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => site.PostAsync(ReadShots));
        using var next = await site.PostAsync(ReadShots);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task MalformedNext_Answers200WithABodyThatIsNotJson()
    {
        await using var site = await TestSite.StartAsync();
        site.Server.Faults.MalformedNext(1);

        using var response = await site.PostAsync(ReadShots);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.ThrowsAny<JsonException>(() => TestSite.Parse(text));
    }

    [Fact]
    public async Task AuthFailNext_Answers102ForAuthenticatedCallsOnly()
    {
        await using var site = await TestSite.StartAsync();
        site.Server.Faults.AuthFailNext(1);

        var info = await site.CallAsync("info");
        var failed = await site.FaultAsync("read", new JObject { ["type"] = "Shot", ["filters"] = new JObject() });
        await site.ResultsAsync("read", new JObject { ["type"] = "Shot", ["filters"] = new JObject() });

        Assert.Equal(500, (int)info["api_max_entities_per_page"]!);
        Assert.Equal(102, (int)failed["error_code"]!);
    }

    [Fact]
    public async Task QueuedFaults_ApplyInOrder_AndClearDropsThem()
    {
        await using var site = await TestSite.StartAsync();
        var faults = site.Server.Faults;
        faults.FailNext(1, 502);
        faults.FailNext(1, 504);
        faults.MalformedNext(1);

        using var first = await site.PostAsync(ReadShots);
        using var second = await site.PostAsync(ReadShots);
        faults.Clear();
        using var third = await site.PostAsync(ReadShots);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, second.StatusCode);
        Assert.NotNull(TestSite.Parse(await third.Content.ReadAsStringAsync())["results"]);
        Assert.Equal(1, faults.CallCount);
    }

    [Fact]
    public async Task FaultArguments_OutOfRange_AreRefused()
    {
        await using var site = await TestSite.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => site.Server.Faults.FailNext(0, 503));
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Server.Faults.FailNext(1, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Server.Faults.DelayNextEvents(1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => site.Server.Faults.BurnIds(-1));
    }
}
