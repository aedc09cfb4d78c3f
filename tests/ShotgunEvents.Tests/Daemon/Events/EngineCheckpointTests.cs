using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// The one state writer under a real catch-up: ten lanes in step cost about one write per batch, no plugin gets more
/// than a batch ahead of the file (even beside one stuck for good), and a graceful stop writes what an interval had
/// held back.
/// </summary>
public sealed class EngineCheckpointTests
{
    private const int BatchSize = 200;

    [Fact]
    public async Task CatchUp_TenLanesInStep_RequestsMergeIntoFewerWritesThanOnePerLaneAsk()
    {
        await using var h = await EngineHarness.CreateAsync();
        var plugins = AddNoops(h, 10);
        h.Store.SeedEvents(10_000);
        var ids = h.VisibleIds();
        var batches = (ids.Count + BatchSize - 1) / BatchSize;
        // One page at a time: the writer's own merging, without parallel reads handing lanes several batches at once.
        await using var engine = await h.StartEngineAsync(o => o with { StartFrom = 1, MaxEventBatchSize = BatchSize, MaxParallelReads = 1 });
        var maxAhead = await CatchUpAsync(h, engine, ids[^1]);

        // Each lane asking for its own write would cost 10 writes per batch here; merged, about one (a little more
        // under load, when a batch's patience runs out before a descheduled lane passes it).
        var writes = engine.Engine.Writer!.WriteCount;
        Assert.True(writes <= (4 * batches) + 1, $"{writes} writes for {batches} batches of {BatchSize} to {plugins.Length} plugins");
        Assert.True(maxAhead <= BatchSize, $"a lane was {maxAhead} events ahead of the state file (batch {BatchSize})");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task CatchUp_TenLanes_AtMostOneWritePerBatch(int parallelReads)
    {
        await using var h = await EngineHarness.CreateAsync();
        AddNoops(h, 10);
        h.Store.SeedEvents(10_000);
        var ids = h.VisibleIds();
        var batches = (ids.Count + BatchSize - 1) / BatchSize;
        // The lanes' patience (a fallback for a lane stuck in a callback, 100 ms by default) is out of the way: on a loaded
        // machine a lane descheduled that long asked for its own write, and the count measured the machine, not the design.
        await using var engine = await h.StartEngineAsync(o => o with
        {
            StartFrom = 1, MaxEventBatchSize = BatchSize, MaxParallelReads = parallelReads, BoundPatience = TimeSpan.FromMinutes(5),
        });
        var maxAhead = await CatchUpAsync(h, engine, ids[^1]);

        // The write is asked for once per batch, when the last lane is through it; the one at start comes on top.
        var writes = engine.Engine.Writer!.WriteCount;
        Assert.True(writes <= batches + 1, $"{writes} writes for {batches} batches of {BatchSize}");
        Assert.True(maxAhead <= BatchSize, $"a lane was {maxAhead} events ahead of the state file (batch {BatchSize})");
    }

    [Fact]
    public async Task CatchUp_OneLaneStuckInACallback_OthersCatchUpWithinTheirBoundAfterThePatience()
    {
        await using var h = await EngineHarness.CreateAsync();
        AddNoops(h, 3);
        h.AddPlugin("slow_recorder.csx", "slow");
        h.Store.SeedEvents(1_000);
        var ids = h.VisibleIds();
        await using var engine = await h.StartEngineAsync(o => o with
        {
            StartFrom = 1, MaxEventBatchSize = BatchSize, BoundPatience = TimeSpan.FromMilliseconds(50),
        });
        var noops = engine.Workers.Where(w => w.Plugin.Name.StartsWith("noop_", StringComparison.Ordinal)).ToArray();
        var maxAhead = 0L;

        // The stuck lane never passes its first batch: each batch's write goes without it after the patience, so the
        // others' positions on disk keep up with them, never more than a batch behind.
        await Eventually.TrueAsync(() =>
        {
            maxAhead = Math.Max(maxAhead, noops.Max(w => Ahead(h, w)));
            return noops.All(w => w.LastEventId == ids[^1]);
        }, "the other lanes catch up while one is stuck", TimeSpan.FromMinutes(2));

        Assert.Equal([ids[0]], h.Recorded("slow"));
        await Eventually.TrueAsync(() => noops.All(w => StateFileJson.LastEventId(h.StatePath, "plugins", w.Plugin.Name) == ids[^1]),
            "the file holds the others' positions although one plugin is stuck");
        Assert.True(maxAhead <= BatchSize, $"a lane was {maxAhead} events ahead of the state file (batch {BatchSize})");
        File.WriteAllText(Path.Combine(h.Records, "release"), "");
    }

    [Fact]
    public async Task CatchUp_ParallelReads_NoLaneMoreThanABatchAheadOfTheStateFile()
    {
        await using var h = await EngineHarness.CreateAsync();
        AddNoops(h, 10);
        h.Store.SeedEvents(10_000);
        var ids = h.VisibleIds();
        await using var engine = await h.StartEngineAsync(o => o with { StartFrom = 1, MaxEventBatchSize = BatchSize, MaxParallelReads = 4 });
        var maxAhead = await CatchUpAsync(h, engine, ids[^1]);

        // The crash bound holds however many pages the poller has in flight.
        Assert.True(maxAhead <= BatchSize, $"a lane was {maxAhead} events ahead of the state file (batch {BatchSize})");
    }

    [Fact]
    public async Task Stop_IntervalNotDueDuringTheRun_StopWritesTheLastState()
    {
        await using var h = await EngineHarness.CreateAsync();
        AddNoops(h, 2);
        h.Store.SeedEvents(1_000);
        var ids = h.VisibleIds();
        var engine = await h.StartEngineAsync(o => o with
        {
            StartFrom = 1,
            MaxEventBatchSize = BatchSize,
            CheckpointInterval = TimeSpan.FromDays(1),
        });
        await Eventually.TrueAsync(() => engine.Workers.All(w => w.LastEventId == ids[^1]), "every plugin catches up");

        // Only the write at start: the interval holds back every request of the run.
        Assert.Equal(1, engine.Engine.Writer!.WriteCount);
        Assert.Equal(0, StateFileJson.LastEventId(h.StatePath, "plugins", "noop_00"));

        await engine.StopAsync();

        Assert.Equal(2, engine.Engine.Writer.WriteCount);
        Assert.Equal(ids[^1], StateFileJson.LastEventId(h.StatePath, "plugins", "noop_00"));
        Assert.Equal(ids[^1], StateFileJson.LastEventId(h.StatePath, "plugins", "noop_01"));
    }

    private static string[] AddNoops(EngineHarness h, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"noop_{i:00}").ToArray();
        foreach (var name in names)
        {
            h.AddPlugin("noop.csx", name);
        }

        return names;
    }

    /// <summary>Waits until every lane has handled <paramref name="lastId"/>; returns how far any plugin ran ahead of the state file.</summary>
    private static async Task<long> CatchUpAsync(EngineHarness h, RunningEngine engine, long lastId)
    {
        var maxAhead = 0L;
        await Eventually.TrueAsync(() =>
        {
            maxAhead = Math.Max(maxAhead, engine.Workers.Max(w => Ahead(h, w)));
            return engine.Workers.All(w => w.LastEventId == lastId);
        }, "every plugin catches up", TimeSpan.FromMinutes(3));
        return maxAhead;
    }

    /// <summary>Events the plugin has handled that the file does not hold (the seeded ids are consecutive).</summary>
    private static long Ahead(EngineHarness h, LaneView worker)
    {
        // Memory first, then the file: the file can only move on meanwhile, so a sample never shows more than the truth.
        var handled = worker.LastEventId ?? 0;
        var onDisk = StateFileJson.LastEventId(h.StatePath, "plugins", worker.Plugin.Name) ?? handled;
        return handled - onDisk;
    }
}
