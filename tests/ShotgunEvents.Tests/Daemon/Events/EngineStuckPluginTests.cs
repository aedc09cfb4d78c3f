using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// The promise that a slow or stuck plugin holds up no other, tried the way plugins break it: stuck for good (a blocked
/// thread, an await that never completes), slowed for a while, stuck and then fixed, and stopped while stuck.
/// </summary>
public sealed class EngineStuckPluginTests
{
    [Theory]
    [InlineData("stuck_sync.csx")]
    [InlineData("stuck_never.csx")]
    public async Task PerPlugin_OnePluginStuckForGood_TheOthersHandleTwentyThousandEventsInOrderAndTheirPositionsOnDiskAdvance(string stuck)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "good_a");
        h.AddPlugin("recorder.csx", "good_b");
        h.AddPlugin(stuck, "stuck");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync();

        // 20,000 events arrive in 40 bursts while the daemon runs; the positions on disk are sampled as they go.
        var onDisk = new HashSet<long>();
        for (var burst = 0; burst < 40; burst++)
        {
            h.Store.SeedEvents(500);
            if (StateFileJson.LastEventId(h.StatePath, "plugins", "good_a") is { } saved)
            {
                onDisk.Add(saved);
            }

            await Eventually.TrueAsync(() => engine.Worker("good_a").LastEventId >= h.Store.LatestEventId - 1000, $"burst {burst} is being handled");
        }

        var ids = h.VisibleIds(start);
        Assert.Equal(20_000, ids.Count);
        await h.WaitRecordedAsync("good_a", ids, TimeSpan.FromMinutes(3));
        await h.WaitRecordedAsync("good_b", ids, TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(h.StatePath, "plugins", "good_a") == ids[^1]
            && StateFileJson.LastEventId(h.StatePath, "plugins", "good_b") == ids[^1], "both good positions reach the file");

        Assert.Equal(ids, h.Recorded("good_a"));
        Assert.Equal(ids, h.Recorded("good_b"));
        Assert.Equal([ids[0]], h.Recorded("stuck"));
        Assert.True(onDisk.Count >= 10, $"the file moved only {onDisk.Count} times during the run");
        Assert.Equal(start, StateFileJson.LastEventId(h.StatePath, "plugins", "stuck"));

        // Its lag, against the site's newest event, says how far behind it is; the others have none.
        var rows = Status(engine);
        Assert.Equal(ids[^1] - start, rows["stuck"].Value<long>("lag_events"));
        Assert.Equal("detached", rows["stuck"].Value<string>("mode"));
        Assert.Equal(0, rows["good_a"].Value<long>("lag_events"));
        Assert.Contains(h.Logs.Lines, l => l.Message.StartsWith("Plugin stuck no longer keeps up", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(h.Records, "release"), "");
    }

    [Fact]
    public async Task PerPlugin_PluginSlowedTo200MsPerEventForAWhile_CatchesUpAfterwardsAndMissesNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "fast");
        h.AddPlugin("slowable_recorder.csx", "slowed");
        var start = h.Updates(1);
        File.WriteAllText(Path.Combine(h.Records, "slow"), "");
        await using var engine = await h.StartEngineAsync(o => o with { MaxEventBatchSize = 20 });

        h.Store.SeedEvents(600);
        var first = h.VisibleIds(start);
        await h.WaitRecordedAsync("fast", first);
        await Eventually.TrueAsync(() => engine.Worker("slowed").Mode == DeliveryMode.Detached, "the slowed plugin is let go");
        Assert.True(h.Recorded("slowed").Count < first.Count, "the slowed plugin is behind");

        File.Delete(Path.Combine(h.Records, "slow"));
        await h.WaitRecordedAsync("slowed", first, TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => engine.Worker("slowed").Mode == DeliveryMode.Attached, "it rejoins the head");
        var more = h.Updates(5);
        await h.WaitRecordedAsync("slowed", [more]);
        await h.WaitRecordedAsync("fast", [more]);

        var all = h.VisibleIds(start);
        Assert.Equal(all, h.Recorded("slowed"));
        Assert.Equal(all, h.Recorded("fast"));
        Assert.Contains(h.Logs.Lines, l => l.Message.StartsWith("Plugin slowed no longer keeps up", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Lines, l => l.Message.StartsWith("Plugin slowed is back at the head", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PerPlugin_StuckPluginFixed_ResumesAtTheEventItWasStuckOnWithTheNewCode()
    {
        await using var h = await EngineHarness.CreateAsync();
        var file = h.AddPlugin("stuck_sync.csx", "fixme");
        h.AddPlugin("recorder.csx", "good");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(host: o => o.CallbackTimeout = TimeSpan.FromMilliseconds(300));

        h.Store.SeedEvents(50);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("good", ids);
        await Eventually.TrueAsync(() => engine.Worker("fixme").Plugin.IsStuck, "fixme is reported stuck");

        // The fix: the same plugin without the blocking wait. The stuck call cannot be stopped; it is abandoned.
        File.WriteAllText(file, File.ReadAllText(EngineHarness.Fixture("recorder.csx")));
        await h.WaitRecordedAsync("fixme", ids, TimeSpan.FromMinutes(1));

        Assert.Equal([ids[0], .. ids], h.Recorded("fixme")); // the old code's start of the stuck event, then every event by the new code
        Assert.Equal(ids, h.Recorded("good"));
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains($"abandoned callback Record on event {ids[0]}", StringComparison.Ordinal)
            && l.Message.Contains("left behind", StringComparison.Ordinal));
        var more = h.Updates(2);
        await h.WaitRecordedAsync("fixme", [more]);
        File.WriteAllText(Path.Combine(h.Records, "release"), "");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stop_CallbackThatNeverReturnsAndIgnoresItsToken_StopsWithinTheBudgetAndWritesEveryPosition(bool serial)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "good");
        h.AddPlugin("stuck_never.csx", "stuck");
        var start = h.Updates(1);
        var engine = await h.StartEngineAsync(o => o with { Serial = serial, ShutdownTimeout = TimeSpan.FromMilliseconds(500) });
        h.Store.SeedEvents(10);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("stuck", [ids[0]]);
        if (!serial)
        {
            await h.WaitRecordedAsync("good", ids);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await engine.StopAsync();

        // shutdown_timeout, then the callbacks' cancellation grace (2 s), then the state: not a moment waiting on the callback.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"the stop took {clock.Elapsed}");
        Assert.Equal(true, engine.Engine.StopResult?.Written);
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains($"stuck.Record on event {ids[0]}", StringComparison.Ordinal));
        Assert.Equal(start, StateFileJson.LastEventId(h.StatePath, "plugins", "stuck"));
        Assert.Equal(serial ? ids[0] : ids[^1], StateFileJson.LastEventId(h.StatePath, "plugins", "good"));
    }

    [Fact]
    public async Task Serial_StuckCallback_TheWarningSaysEveryPluginWaits()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("slow_recorder.csx", "slow");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { Serial = true },
            host: o => { o.CallbackTimeout = TimeSpan.FromMilliseconds(200); o.Serial = true; });

        h.Updates(1);
        await Eventually.TrueAsync(() => engine.Worker("slow").Plugin.IsStuck, "slow is reported stuck");

        Assert.Contains(h.Logs.Lines, l => l.Message.Contains("plugin_concurrency is serial, so every plugin waits", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Logs.Lines, l => l.Message.Contains("the other plugins carry on", StringComparison.Ordinal));
        Assert.Equal(start, engine.Worker("slow").LastEventId);
        File.WriteAllText(Path.Combine(h.Records, "release"), "");
    }

    private static Dictionary<string, JObject> Status(RunningEngine engine) =>
        StatusReport.Build(engine.Engine.Registry.Current, engine.Poller.SiteHead, null, TimeProvider.System)["plugins"]!
            .Children<JObject>().ToDictionary(p => p.Value<string>("plugin")!);
}
