using ShotgunEvents.Daemon.State;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// Parallel catch-up (<c>max_parallel_reads</c>) against an emulator that answers each call after a latency: events
/// reach each plugin in id order and once, a missing id inside a range is a gap for the backlog, ranges past the head
/// leave no gap and reading goes back to one call at a time, and a 429 or 503 halves the reads in flight.
/// </summary>
public sealed class EngineParallelReadTests
{
    private const int Batch = 50;

    [Fact]
    public async Task ParallelReads_CatchUpOverALatentSite_EveryPluginGetsEveryEventOnceInIdOrder()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Store.SeedEvents(2_000);
        h.Site.Faults.SetLatency(TimeSpan.FromMilliseconds(20));
        h.AddPlugin("recorder.csx", "rec_a");
        h.AddPlugin("recorder.csx", "rec_b");
        var visible = h.VisibleIds();

        await using var engine = await StartAsync(h);
        await h.WaitRecordedAsync("rec_a", visible);
        await h.WaitRecordedAsync("rec_b", visible);

        Assert.Equal(visible, h.Recorded("rec_a"));
        Assert.Equal(visible, h.Recorded("rec_b"));
        Assert.Equal(4, engine.Poller.PeakReadsInFlight);
        Assert.Equal(0, engine.Worker("rec_a").Snapshot().Backlog.Count);
    }

    [Fact]
    public async Task ParallelReads_IdsMissingInsideAndAcrossRanges_AreGapsForTheBacklogOnly()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Site.Faults.SetLatency(TimeSpan.FromMilliseconds(10));
        h.AddPlugin("recorder.csx", "rec");
        var first = h.Updates(120);
        h.Site.Faults.BurnIds(3); // inside one range
        h.Updates(100);
        var wholeRange = h.Store.LatestEventId;
        h.Site.Faults.BurnIds(Batch + 20); // more than a range: one range comes back empty with later ids after it
        h.Updates(300);
        var visible = h.VisibleIds();

        await using var engine = await StartAsync(h);
        await h.WaitRecordedAsync("rec", visible);
        await WaitPollsAsync(engine, 5);

        Assert.Equal(visible, h.Recorded("rec"));
        var backlog = engine.Worker("rec").Snapshot().Backlog.Ranges.Select(r => r.Ids).ToArray();
        Assert.Equal([new IdRange(first + 1, first + 3), new IdRange(wholeRange + 1, wholeRange + Batch + 20)], backlog);
        Assert.Equal(1, h.Logs.Count($"event(s) {first + 1}-{first + 3} not visible yet"));
        Assert.Equal(1, h.Logs.Count($"event(s) {wholeRange + 1}-{wholeRange + Batch + 20} not visible yet"));
    }

    [Fact]
    public async Task ParallelReads_LateCommitInsideARange_IsDeliveredOnceWhenItAppears()
    {
        await using var h = await EngineHarness.CreateAsync(fakeSiteTime: true);
        h.AddPlugin("recorder.csx", "rec");
        var first = h.Updates(130);
        h.Site.Faults.DelayNextEvents(2, TimeSpan.FromSeconds(30));
        h.Updates(2);
        h.Updates(300);
        var visible = h.VisibleIds();
        Assert.DoesNotContain(first + 1, visible);

        await using var engine = await StartAsync(h);
        await h.WaitRecordedAsync("rec", visible);
        await Eventually.TrueAsync(() => engine.Worker("rec").Snapshot().Backlog.Count == 2, "the late ids wait in the backlog");
        h.SiteTime!.Advance(TimeSpan.FromSeconds(30));
        await h.WaitRecordedAsync("rec", [first + 1, first + 2]);
        await WaitPollsAsync(engine, 5);

        Assert.Equal([.. visible, first + 1, first + 2], h.Recorded("rec"));
        Assert.Equal(0, engine.Worker("rec").Snapshot().Backlog.Count);
    }

    [Fact]
    public async Task ParallelReads_RangesPastTheHead_LeaveNoGapAndReadingGoesBackToOneCallAtATime()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Site.Faults.SetLatency(TimeSpan.FromMilliseconds(10));
        h.AddPlugin("recorder.csx", "rec");
        h.Updates(3 * Batch + 10); // the first full read starts four ranges; the last ones lie past the head
        var visible = h.VisibleIds();

        await using var engine = await StartAsync(h);
        await h.WaitRecordedAsync("rec", visible);
        await WaitPollsAsync(engine, 3);
        var polls = engine.Poller.PollCount;
        var calls = h.Site.Faults.CallCount;
        await WaitPollsAsync(engine, 8);
        var pollsDelta = engine.Poller.PollCount - polls;
        var callsDelta = h.Site.Faults.CallCount - calls;

        Assert.Equal(0, engine.Worker("rec").Snapshot().Backlog.Count);
        Assert.Equal(0, h.Logs.Count("not visible yet"));
        // Idle at the head: one read per poll (give or take the one in flight at either end of the count).
        Assert.InRange(callsDelta, pollsDelta - 1, pollsDelta + 1);

        var more = h.Updates(5);
        await h.WaitRecordedAsync("rec", [more]);
        Assert.Equal(h.VisibleIds(), h.Recorded("rec"));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task ParallelReads_SiteAnswersOverloaded_HalvesTheReadsInFlightThenGrowsBack(int status)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Store.SeedEvents(6_000);
        h.Site.Faults.SetLatency(TimeSpan.FromMilliseconds(30));
        h.AddPlugin("recorder.csx", "rec");
        var visible = h.VisibleIds();

        await using var engine = await StartAsync(h, batch: 20);
        await Eventually.TrueAsync(() => engine.Poller.PeakReadsInFlight == 4, "four reads in flight");
        h.Site.Faults.FailNext(1, status, status == 429 ? TimeSpan.FromSeconds(1) : null);
        await Eventually.TrueAsync(() => h.Logs.Contains("at most 2 read(s) in flight now"), $"the window halves (log:\n{h.Tail()})");
        await Eventually.TrueAsync(() => engine.Engine.ReadWindowSize == 4, "the window grows back to four");
        await h.WaitRecordedAsync("rec", visible, TimeSpan.FromSeconds(60));

        Assert.Equal(visible, h.Recorded("rec"));
        Assert.Equal(1, h.Logs.Count("HTTP 429 or 5xx"));
        if (status == 429)
        {
            Assert.Equal(1, h.Logs.Count("(Retry-After 1 s)"));
        }
    }

    private static Task<RunningEngine> StartAsync(EngineHarness h, int batch = Batch) =>
        h.StartEngineAsync(o => o with { StartFrom = 1, MaxEventBatchSize = batch, MaxParallelReads = 4 });

    private static async Task WaitPollsAsync(RunningEngine engine, int polls)
    {
        var target = engine.Poller.PollCount + polls;
        await Eventually.TrueAsync(() => engine.Poller.PollCount >= target, $"{polls} more polls");
    }
}
