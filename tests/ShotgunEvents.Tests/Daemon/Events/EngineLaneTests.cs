using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>Plugin lanes: per-plugin concurrency, upstream's serial order, and stopOnError both ways.</summary>
public sealed class EngineLaneTests
{
    [Fact]
    public async Task PerPlugin_SlowPluginBesideAFastOne_FastOneFinishesWhileSlowOneIsBusy()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "fast");
        h.AddPlugin("slow_recorder.csx", "slow");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { MaxEventBatchSize = 50 });

        h.Store.SeedEvents(300);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("fast", ids);

        // The slow plugin still holds its first event: it was not what the fast one waited for.
        Assert.True(h.Recorded("slow").Count <= 1, $"slow recorded {h.Recorded("slow").Count}");
        Assert.Equal(start, engine.Worker("slow").LastEventId);
        await Eventually.TrueAsync(() => engine.Worker("fast").LastEventId == ids[^1], "fast handled them");

        File.WriteAllText(Path.Combine(h.Records, "release"), "");
        await h.WaitRecordedAsync("slow", ids);
        Assert.Equal(ids, h.Recorded("slow"));
        Assert.Equal(ids, h.Recorded("fast"));
    }

    [Fact]
    public async Task Serial_EveryEventGoesThroughThePluginsInUpstreamOrder()
    {
        await using var h = await EngineHarness.CreateAsync();
        var first = Path.Combine(h.Root, "first");
        var second = Path.Combine(h.Root, "second");
        // Collections in config order, then plugins by file name within each: zeta, alpha, beta.
        h.AddPlugin("order_recorder.csx", "zeta", first);
        h.AddPlugin("order_recorder.csx", "beta", second);
        h.AddPlugin("order_recorder.csx", "alpha", second);
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { Serial = true, MaxEventBatchSize = 10 },
            [(first, "first"), (second, "second")]);

        h.Store.SeedEvents(40);
        var ids = h.VisibleIds(start);
        var log = Path.Combine(h.Records, "order.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllLines(log).Length >= ids.Count * 3, "every plugin saw every event");
        await engine.StopAsync();

        var expected = ids.SelectMany(id => new[] { $"zeta {id}", $"alpha {id}", $"beta {id}" });
        Assert.Equal(expected, File.ReadAllLines(log));
    }

    [Fact]
    public async Task Serial_SlowPlugin_HoldsUpTheOthersAsUpstreamDid()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "fast");
        h.AddPlugin("slow_recorder.csx", "slow");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { Serial = true },
            host: o => o.CallbackTimeout = TimeSpan.FromMilliseconds(200));

        h.Store.SeedEvents(20);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("slow", [ids[0]]);
        await Eventually.TrueAsync(() => engine.Worker("slow").Plugin.IsStuck, "slow is reported stuck after callback_timeout");
        var polls = engine.Poller.PollCount;

        // "fast" runs first for each event; with "slow" holding the first event, nothing else moves.
        Assert.Equal([ids[0]], h.Recorded("fast"));
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains($"on event {ids[0]}", StringComparison.Ordinal) && l.Message.Contains("stuck", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(h.Records, "release"), "");
        await h.WaitRecordedAsync("slow", ids);
        await h.WaitRecordedAsync("fast", ids);
        Assert.Equal(ids, h.Recorded("fast"));
        Assert.Equal(ids, h.Recorded("slow"));
        Assert.True(engine.Poller.PollCount >= polls);
    }

    [Fact]
    public async Task StopOnError_True_PluginStopsAtTheEventAndResumesThereOnceFixed()
    {
        await using var h = await EngineHarness.CreateAsync();
        var bad = h.AddPlugin("failing_recorder.csx", "bad");
        h.AddPlugin("recorder.csx", "good");
        var start = h.Updates(1);
        h.Settings["fail_at"] = (start + 10).ToString();
        await using var engine = await h.StartEngineAsync();

        h.Store.SeedEvents(30);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("good", ids);
        await Eventually.TrueAsync(() => !engine.Worker("bad").IsActive, "bad stops");

        Assert.Equal(ids.Take(9), h.Recorded("bad"));
        Assert.Equal(start + 9, engine.Worker("bad").LastEventId);
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(h.StatePath, "plugins", "bad") == start + 9
                && StateFileJson.LastEventId(h.StatePath, "plugins", "good") == ids[^1], "the checkpoint keeps bad before its failed event");
        Assert.Equal(1, h.Logs.Count($"Plugin bad stopped at event {start + 10}"));
        Assert.Contains($"failed on event {start + 10}", engine.Worker("bad").InactiveReason, StringComparison.Ordinal);

        // The fix: the same file, without the throw.
        File.WriteAllText(bad, File.ReadAllText(EngineHarness.Fixture("recorder.csx")));
        await h.WaitRecordedAsync("bad", ids);
        Assert.Equal(ids, h.Recorded("bad"));   // resumed AT the failed event, nothing skipped, nothing twice
        Assert.Equal(ids, h.Recorded("good"));  // the other plugin saw nothing again
        Assert.True(engine.Worker("bad").IsActive);

        var more = h.Updates(2);
        await h.WaitRecordedAsync("bad", [more]);
        await h.WaitRecordedAsync("good", [more]);
        Assert.Equal([.. ids, more - 1, more], h.Recorded("bad"));
    }

    [Fact]
    public async Task StopOnError_False_ErrorIsLoggedAndTheEventCountsAsHandled()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("tolerant_recorder.csx", "tolerant");
        var start = h.Updates(1);
        h.Settings["fail_at"] = (start + 5).ToString();
        await using var engine = await h.StartEngineAsync();

        h.Store.SeedEvents(10);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("tolerant", ids);
        await Eventually.TrueAsync(() => engine.Worker("tolerant").LastEventId == ids[^1], "the cursor passes the failed event");

        Assert.Equal(ids, h.Recorded("tolerant"));
        Assert.True(engine.Worker("tolerant").IsActive);
        var failure = Assert.Single(h.Logs.Lines, l =>
            l.Message.Contains($"tolerated failure at {start + 5}", StringComparison.Ordinal)
            || l.Exception?.Message.Contains($"tolerated failure at {start + 5}", StringComparison.Ordinal) == true);
        Assert.StartsWith("plugin.tolerant", failure.Logger, StringComparison.Ordinal);
        Assert.Equal(0, h.Logs.Count("stopped at event"));
    }
}
