using System.Diagnostics;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// Gaps in the event log (upstream §5.4): late-commit ids that fill later, ids that never appear, a huge gap, and a
/// full batch past a gap. The site runs on a fake clock, so created_at and late-commit visibility are the test's to
/// move; the engine runs on the real clock with a 50 ms fetch interval.
/// </summary>
public sealed class EngineGapTests
{
    [Fact]
    public async Task Gap_FillsWithinTheTimeout_LateEventsDeliveredOnceAndNothingRepeated()
    {
        await using var h = await EngineHarness.CreateAsync(fakeSiteTime: true);
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(2);
        await using var engine = await h.StartEngineAsync();

        h.Site.Faults.DelayNextEvents(3, TimeSpan.FromSeconds(30));
        h.Updates(3);
        Assert.Equal(start, h.Store.LatestEventId); // start+1..start+3 are allocated but not visible yet
        Assert.Equal(start + 5, h.Updates(2));
        await h.WaitRecordedAsync("rec", [start + 4, start + 5]);
        await Eventually.TrueAsync(() => engine.Worker("rec").Snapshot().Backlog.Count == 3, "the gap waits in the backlog");

        h.SiteTime!.Advance(TimeSpan.FromSeconds(30));
        await h.WaitRecordedAsync("rec", [start + 1, start + 2, start + 3]);
        Assert.Equal(start + 7, h.Updates(2));
        await h.WaitRecordedAsync("rec", [start + 6, start + 7]);
        await WaitPollsAsync(engine, 5);

        // Upstream moved the cursor back to the late id and delivered start+4 and start+5 a second time.
        Assert.Equal([start + 4, start + 5, start + 1, start + 2, start + 3, start + 6, start + 7], h.Recorded("rec"));
        Assert.Equal(0, engine.Worker("rec").Snapshot().Backlog.Count);
        Assert.Equal(start + 7, engine.Worker("rec").LastEventId);
        Assert.Equal(1, h.Logs.Count($"event(s) {start + 1}-{start + 3} not visible yet"));
        Assert.Equal(3, h.Logs.Count("from the backlog"));
    }

    [Fact]
    public async Task Gap_NeverFills_ExpiresOnSiteTimeAndIsLoggedOnceAsARange()
    {
        await using var h = await EngineHarness.CreateAsync(fakeSiteTime: true);
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(2);
        await using var engine = await h.StartEngineAsync(o => o with { BacklogTimeout = TimeSpan.FromSeconds(60) });

        h.Site.Faults.BurnIds(4);
        Assert.Equal(start + 5, h.Updates(1));
        await h.WaitRecordedAsync("rec", [start + 5]);
        await Eventually.TrueAsync(() => engine.Worker("rec").Snapshot().Backlog.Count == 4, "the gap waits in the backlog");

        // 50 s later on the site: not expired (the timeout counts from the created_at of start+5, on site time).
        h.SiteTime!.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(start + 6, h.Updates(1));
        await h.WaitRecordedAsync("rec", [start + 6]);
        await WaitPollsAsync(engine, 3);
        Assert.Equal(4, engine.Worker("rec").Snapshot().Backlog.Count);
        Assert.Equal(0, h.Logs.Count("never appeared"));

        // 61 s after: the next event the engine sees moves its site clock past the expiry.
        h.SiteTime.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(start + 7, h.Updates(1));
        await h.WaitRecordedAsync("rec", [start + 7]);
        await Eventually.TrueAsync(() => engine.Worker("rec").Snapshot().Backlog.Count == 0, "the gap expires");
        await WaitPollsAsync(engine, 5);

        Assert.Equal(1, h.Logs.Count($"event(s) {start + 1}-{start + 4} never appeared within the backlog timeout"));
        Assert.Equal(1, h.Logs.Count("never appeared"));
        Assert.Equal(1, h.Logs.Count("not visible yet"));
        Assert.Equal([start + 5, start + 6, start + 7], h.Recorded("rec"));
    }

    [Fact]
    public async Task Gap_OfTenThousandIds_IsOneBacklogRangeAndTheDaemonKeepsGoing()
    {
        await using var h = await EngineHarness.CreateAsync(fakeSiteTime: true);
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync();

        h.Site.Faults.BurnIds(10_000);
        Assert.Equal(start + 10_003, h.Updates(3));
        h.Store.SeedEvents(200);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("rec", ids);

        var backlog = engine.Worker("rec").Snapshot().Backlog;
        var range = Assert.Single(backlog.Ranges);
        Assert.Equal((start + 1, start + 10_000), (range.From, range.To));
        Assert.Equal(10_000, backlog.Count);
        Assert.Equal(1, h.Logs.Count($"event(s) {start + 1}-{start + 10_000} not visible yet"));
        Assert.True(h.Logs.Lines.Count(l => l.Logger == "engine") < 30, "a handful of engine lines, not one per id:\n" + h.Tail(60));

        // Waiting for the gap costs one `between` query per backlog interval, not one per id or per 500 ids.
        var polls = engine.Poller.PollCount;
        var calls = h.Site.Faults.CallCount;
        var clock = Stopwatch.StartNew();
        await WaitPollsAsync(engine, 25);
        var madePolls = engine.Poller.PollCount - polls;
        var madeCalls = h.Site.Faults.CallCount - calls;
        Assert.True(madeCalls <= madePolls + (long)clock.Elapsed.TotalSeconds + 2,
            $"{madeCalls} site calls for {madePolls} polls in {clock.Elapsed.TotalSeconds:0.0} s");

        // The state file stays small: one range, not 10,000 entries.
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(h.StatePath, "plugins", "rec") == ids[^1], "checkpointed");
        Assert.Single(StateFileJson.Backlog(h.StatePath, "plugins", "rec"));
        Assert.True(new FileInfo(h.StatePath).Length < 2048, $"state file is {new FileInfo(h.StatePath).Length} bytes");

        var more = h.Updates(2);
        await h.WaitRecordedAsync("rec", [more - 1, more]);
        Assert.Equal([.. ids, more - 1, more], h.Recorded("rec"));
    }

    [Fact]
    public async Task Gap_WithAFullBatchPastIt_CatchesUpThenSleepsBetweenPolls()
    {
        await using var h = await EngineHarness.CreateAsync(fakeSiteTime: true);
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { MaxEventBatchSize = 20 });

        h.Site.Faults.DelayNextEvents(2, TimeSpan.FromHours(1));
        h.Updates(2);
        h.Store.SeedEvents(200);
        var ids = h.VisibleIds(start);
        Assert.Equal(start + 3, ids[0]);
        await h.WaitRecordedAsync("rec", ids);
        await Eventually.TrueAsync(() => engine.Worker("rec").Snapshot().Backlog.Count == 2, "the gap waits in the backlog");

        // Upstream re-read the same full batch from the oldest missing id without sleeping, until the timeout (#32).
        var polls = engine.Poller.PollCount;
        var calls = h.Site.Faults.CallCount;
        var clock = Stopwatch.StartNew();
        await WaitPollsAsync(engine, 10);
        var elapsed = clock.Elapsed;
        var madePolls = engine.Poller.PollCount - polls;
        var madeCalls = h.Site.Faults.CallCount - calls;
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(45 * (madePolls - 1)),
            $"{madePolls} polls in {elapsed.TotalMilliseconds:0} ms: the poller must sleep the fetch interval between polls");
        Assert.True(madeCalls <= madePolls + (long)elapsed.TotalSeconds + 2,
            $"{madeCalls} site calls for {madePolls} polls in {elapsed.TotalSeconds:0.0} s");
        Assert.Equal(ids, h.Recorded("rec"));
    }

    private static Task WaitPollsAsync(RunningEngine engine, int polls)
    {
        var target = engine.Poller.PollCount + polls;
        return Eventually.TrueAsync(() => engine.Poller.PollCount >= target, $"{polls} more polls");
    }
}
