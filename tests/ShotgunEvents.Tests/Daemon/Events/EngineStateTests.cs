using System.Text;
using ShotgunEvents.Daemon.State;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// Where each plugin starts and resumes: first start (latest or an id), a graceful stop and restart, a stop while a
/// plugin is busy, corrupt state files, renamed plugins, a moved collection, plugins added while running.
/// </summary>
public sealed class EngineStateTests
{
    [Fact]
    public async Task FirstStart_StartFromLatest_BeginsAfterTheNewestEvent()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "rec");
        h.Store.SeedEvents(50);
        var latest = h.Store.LatestEventId;
        await using var engine = await h.StartEngineAsync();

        // Written at once, so a crash before the first batch does not pick a newer "latest" on the next start.
        Assert.Equal(latest, StateFileJson.LastEventId(h.StatePath, "plugins", "rec"));
        var last = h.Updates(3);
        await h.WaitRecordedAsync("rec", [last]);
        Assert.Equal([latest + 1, latest + 2, latest + 3], h.Recorded("rec"));
    }

    [Fact]
    public async Task FirstStart_StartFromAnId_BeginsAtThatId()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "rec");
        h.AddPlugin("recorder.csx", "other");
        h.Store.SeedEvents(50);
        await using var engine = await h.StartEngineAsync(o => o with { StartFrom = 20 });

        var ids = h.VisibleIds(19);
        await h.WaitRecordedAsync("rec", ids);
        await h.WaitRecordedAsync("other", ids);
        Assert.Equal(20, ids[0]);
        Assert.Equal(ids, h.Recorded("rec"));
        Assert.Equal(ids, h.Recorded("other"));
    }

    [Fact]
    public async Task GracefulStop_WritesTheState_RestartResumesWithoutDuplicatesOrLoss()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(1);
        var engine = await h.StartEngineAsync();
        h.Store.SeedEvents(40);
        var firstRun = h.VisibleIds(start);
        await h.WaitRecordedAsync("rec", firstRun);
        await engine.StopAsync();
        Assert.Equal(firstRun[^1], StateFileJson.LastEventId(h.StatePath, "plugins", "rec"));

        h.Store.SeedEvents(25); // while the daemon is down
        await using var again = await h.StartEngineAsync();
        h.Updates(5);
        var all = h.VisibleIds(start);
        await h.WaitRecordedAsync("rec", all);
        Assert.Equal(all, h.Recorded("rec"));
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains("resuming from", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GracefulStop_WhileAPluginHoldsAnEvent_ThatEventIsDeliveredAgainAfterRestart(bool serial)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("slow_recorder.csx", "slow");
        var start = h.Updates(1);
        var engine = await h.StartEngineAsync(o => o with { ShutdownTimeout = TimeSpan.FromMilliseconds(300), Serial = serial });
        h.Store.SeedEvents(5);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("slow", [ids[0]]);

        // The stop waits up to the shutdown timeout, then cancels the callback: the event was not handled. (In serial
        // mode the poller itself waits in the callback; the grace period must still end it.)
        await engine.StopAsync();
        Assert.Equal(1, h.Logs.Count("cancelling their callbacks"));
        Assert.Equal(start, StateFileJson.LastEventId(h.StatePath, "plugins", "slow"));

        File.WriteAllText(Path.Combine(h.Records, "release"), "");
        await using var again = await h.StartEngineAsync();
        await h.WaitRecordedAsync("slow", ids);
        Assert.Equal([ids[0], .. ids], h.Recorded("slow")); // at-least-once: the interrupted event again, then the rest
    }

    [Fact]
    public async Task Checkpoint_OnePluginHeldAnotherReleased_TheReleasedOnesPositionOnDiskFollowsItWithinABatch()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("slow_recorder.csx", "a_held");
        h.AddPlugin("slow_recorder.csx", "b_freed");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { MaxEventBatchSize = 20 });

        // Both plugins hold their first event; then b_freed is let go and works through 300 events while a_held holds on.
        h.Store.SeedEvents(300);
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("b_freed", [ids[0]]);
        File.WriteAllText(Path.Combine(h.Records, "release-b_freed"), "");
        await h.WaitRecordedAsync("b_freed", ids);
        await Eventually.TrueAsync(() => engine.Worker("b_freed").LastEventId == ids[^1], "b_freed handled them all");

        var saved = 0L;
        await Eventually.TrueAsync(() => (saved = StateFileJson.LastEventId(h.StatePath, "plugins", "b_freed") ?? 0) >= ids[^1] - 20,
            $"the state file follows b_freed within a batch although a_held holds its first event (file: {saved})");
        Assert.Single(h.Recorded("a_held"));
        Assert.Equal(start, StateFileJson.LastEventId(h.StatePath, "plugins", "a_held"));

        File.WriteAllText(Path.Combine(h.Records, "release"), "");
        await h.WaitRecordedAsync("a_held", ids);
        Assert.Equal(ids, h.Recorded("a_held"));
        Assert.Equal(ids, h.Recorded("b_freed"));
    }

    [Fact]
    public async Task Checkpoint_LaneWorksWhileThePollerWaitsOnTheSite_StillCheckpointsEveryBatch()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("slow_recorder.csx", "lane");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { MaxEventBatchSize = 20 });

        // The lane holds its first event while the poller reads on to the site's newest event.
        h.Store.SeedEvents(120);
        var ids = h.VisibleIds(start);
        await Eventually.TrueAsync(() => engine.Poller.SiteHead?.Id == ids[^1], "the poller reaches the newest event");

        // The next site call hangs: the poller sits inside a cycle while the lane works through 119 events.
        var calls = h.Site.Faults.CallCount;
        h.Site.Faults.HangNext(1, TimeSpan.FromSeconds(8));
        await Eventually.TrueAsync(() => h.Site.Faults.CallCount > calls, "the poller waits on the site");
        File.WriteAllText(Path.Combine(h.Records, "release"), "");
        await Eventually.TrueAsync(() => engine.Worker("lane").LastEventId == ids[^1], "the lane works through every event");
        var saved = 0L;
        await Eventually.TrueAsync(() => (saved = StateFileJson.LastEventId(h.StatePath, "plugins", "lane") ?? 0) >= ids[^1] - 20,
            $"the state file follows the lane within a batch (file: {saved})");

        Assert.Equal(ids, h.Recorded("lane"));
    }

    public static TheoryData<string, string> CorruptFiles => new()
    {
        { "empty", "" },
        { "blank", "  \n\n" },
        { "truncated", "{\n  \"version\": 1,\n  \"collections\": {\n    \"plugins\": {\n      \"rec\": {\n        \"last_event_id\": 12" },
        { "not JSON", "this is not a state file\n" },
        { "future version", "{\"version\": 99, \"collections\": {}}\n" },
        { "upstream pickle", "\u0080\u0005}q\u0000." },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task CorruptStateFile_EngineRefusesToStart_NamingTheFile(string what, string content)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "rec");
        File.WriteAllText(h.StatePath, content, Encoding.Latin1);
        var before = File.ReadAllBytes(h.StatePath);

        var error = await Assert.ThrowsAsync<StateFileException>(() => h.StartEngineAsync());

        Assert.Contains(h.StatePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(h.StatePath)); // never overwritten with a fresh position
        h.Updates(2);
        Assert.Empty(h.Recorded("rec"));
        _ = what;
    }

    [Fact]
    public async Task RenamedPlugin_EveryPluginOfTheCollectionRenamed_StartsAtTheCollectionsPosition()
    {
        await using var h = await EngineHarness.CreateAsync();
        var old = h.AddPlugin("recorder.csx", "old_name");
        var start = h.Updates(1);
        var engine = await h.StartEngineAsync();
        h.Store.SeedEvents(20);
        var firstRun = h.VisibleIds(start);
        await h.WaitRecordedAsync("old_name", firstRun);
        await engine.StopAsync();

        File.Move(old, Path.Combine(h.Plugins, "new_name.csx"));
        h.Store.SeedEvents(10);
        var secondRun = h.VisibleIds(firstRun[^1]);
        await using var again = await h.StartEngineAsync();

        // Upstream left every plugin without a position and the daemon processed nothing, for ever (§5.3).
        await h.WaitRecordedAsync("new_name", secondRun);
        Assert.Equal(secondRun, h.Recorded("new_name"));
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains($"Plugin new_name has no saved position of its own ({StateOrigin.CollectionPosition.Description})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenamedPlugin_WhileRunning_TheNewNameCarriesOnFromTheCollectionsPosition()
    {
        await using var h = await EngineHarness.CreateAsync();
        var old = h.AddPlugin("recorder.csx", "before_rename");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync();
        h.Store.SeedEvents(10);
        var first = h.VisibleIds(start);
        await h.WaitRecordedAsync("before_rename", first);
        await Eventually.TrueAsync(() => engine.Worker("before_rename").LastEventId == first[^1], "handled");

        File.Move(old, Path.Combine(h.Plugins, "after_rename.csx"));
        await Eventually.TrueAsync(() => !engine.HasWorker("before_rename") && engine.HasWorker("after_rename")
            && engine.Worker("after_rename").IsActive, "the renamed plugin gets a lane, the old name loses its own");
        h.Store.SeedEvents(10);
        var second = h.VisibleIds(first[^1]);
        await h.WaitRecordedAsync("after_rename", second);

        Assert.Equal(second, h.Recorded("after_rename"));
        Assert.Equal(first, h.Recorded("before_rename"));
    }

    [Fact]
    public async Task MovedCollection_KeepsEachPluginsOwnPositionByName()
    {
        await using var h = await EngineHarness.CreateAsync();
        var oldDir = Path.Combine(h.Root, "old-plugins");
        var newDir = Path.Combine(h.Root, "new-plugins");
        h.AddPlugin("recorder.csx", "a", oldDir);
        h.AddPlugin("failing_recorder.csx", "b", oldDir);
        var start = h.Updates(1);
        h.Settings["fail_at"] = (start + 8).ToString();
        var engine = await h.StartEngineAsync(collections: [(oldDir, "old-plugins")]);
        h.Store.SeedEvents(20);
        var firstRun = h.VisibleIds(start);
        await h.WaitRecordedAsync("a", firstRun);
        await Eventually.TrueAsync(() => !engine.Worker("b").IsActive, "b stops at its failing event");
        await engine.StopAsync();

        Directory.Move(oldDir, newDir);
        h.Store.SeedEvents(10);
        await using var again = await h.StartEngineAsync(collections: [(newDir, "new-plugins")]);
        var all = h.VisibleIds(start);
        await h.WaitRecordedAsync("a", all);

        // a resumes at its own position (nothing again, nothing lost); b at its own, lower one: by name, not the newest.
        Assert.Equal(all, h.Recorded("a"));
        await Eventually.TrueAsync(() => !again.Worker("b").IsActive, "b stops again at the same event");
        Assert.Equal(start + 7, again.Worker("b").LastEventId);
        Assert.Equal(firstRun.Take(7), h.Recorded("b"));
    }

    [Fact]
    public async Task PluginAddedWhileRunning_StartsAtTheCurrentPosition()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "a");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync();
        h.Store.SeedEvents(10);
        var before = h.VisibleIds(start);
        await h.WaitRecordedAsync("a", before);
        await Eventually.TrueAsync(() => engine.Worker("a").LastEventId == before[^1], "a handled them");

        h.AddPlugin("recorder.csx", "b");
        await Eventually.TrueAsync(() => engine.HasWorker("b") && engine.Worker("b").IsActive, "b gets a lane");
        Assert.Equal(before[^1], engine.Worker("b").LastEventId);

        h.Store.SeedEvents(10);
        var after = h.VisibleIds(before[^1]);
        await h.WaitRecordedAsync("b", after);
        await h.WaitRecordedAsync("a", after);
        Assert.Equal(after, h.Recorded("b"));
        Assert.Equal([.. before, .. after], h.Recorded("a"));
    }

    [Fact]
    public async Task PluginAddedToADaemonWithNoPlugins_StartsAfterTheNewestEventNotAtZero()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Store.SeedEvents(30);
        await using var engine = await h.StartEngineAsync();
        h.Store.SeedEvents(5);
        var latest = h.Store.LatestEventId;

        h.AddPlugin("recorder.csx", "late");
        await Eventually.TrueAsync(() => engine.HasWorker("late") && engine.Worker("late").IsActive, "late gets a lane");
        Assert.Equal(latest, engine.Worker("late").LastEventId);
        h.Store.SeedEvents(5);
        var after = h.VisibleIds(latest);
        await h.WaitRecordedAsync("late", after);
        Assert.Equal(after, h.Recorded("late"));
    }
}
