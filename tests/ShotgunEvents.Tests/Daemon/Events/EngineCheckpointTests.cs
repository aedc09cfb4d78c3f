using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// The one state writer under a real catch-up: requests of the poll cycle and of ten lanes in step merge into about
/// one write per batch, a lane learns of a checkpoint only once the file holds it, no lane gets more than a batch
/// ahead of the file, and a graceful stop writes what an interval had held back.
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
        var maxAhead = await CatchUpAsync(engine, ids[^1]);

        // Each lane asking for its own write, as before the writer, cost 6-7 writes per batch here; merged, about 2
        // on a quiet machine and a little more under load (lanes reach their bound at different moments), so the bound
        // is what no merging could reach, not the quiet-machine figure.
        var writes = engine.Engine.Checkpointer!.WriteCount;
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
        var maxAhead = await CatchUpAsync(engine, ids[^1]);

        // The write is asked for once per batch, when the last lane is through it; the one at start comes on top.
        var writes = engine.Engine.Checkpointer!.WriteCount;
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
        var noops = engine.Engine.Workers.Where(w => w.Plugin.Name.StartsWith("noop_", StringComparison.Ordinal)).ToArray();
        var maxAhead = 0L;

        // The stuck lane never passes its first batch's marker, so that batch's write is never asked for: the others,
        // at their bound, ask for their own after the patience and carry on, still never more than a batch ahead.
        await Eventually.TrueAsync(() =>
        {
            maxAhead = Math.Max(maxAhead, noops.Max(Ahead));
            return noops.All(w => w.LastEventId == ids[^1]);
        }, "the other lanes catch up while one is stuck", TimeSpan.FromMinutes(2));

        Assert.Equal([ids[0]], h.Recorded("slow"));
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
        var maxAhead = await CatchUpAsync(engine, ids[^1]);

        // The crash bound holds however many pages the poller has in flight.
        Assert.True(maxAhead <= BatchSize, $"a lane was {maxAhead} events ahead of the state file (batch {BatchSize})");
    }

    [Fact]
    public async Task CatchUp_LaneCheckpointMarks_NeverAheadOfTheFileOnDisk()
    {
        await using var h = await EngineHarness.CreateAsync();
        AddNoops(h, 4);
        h.Store.SeedEvents(6_000);
        var ids = h.VisibleIds();
        await using var engine = await h.StartEngineAsync(o => o with { StartFrom = 1, MaxEventBatchSize = BatchSize });
        var samples = 0;

        await Eventually.TrueAsync(() =>
        {
            foreach (var worker in engine.Engine.Workers)
            {
                // The mark first, then the file: a mark set before its write was renamed in would show as a file behind it.
                var marked = worker.CheckpointedCount;
                var onDisk = StateFileJson.LastEventId(h.StatePath, "plugins", worker.Plugin.Name);
                if (marked > 0 && onDisk is { } id)
                {
                    Assert.True(id >= ids[(int)marked - 1],
                        $"{worker.Plugin.Name}: marked {marked} events (up to id {ids[(int)marked - 1]}) but the file holds {id}");
                    samples++;
                }
            }

            return engine.Engine.Workers.All(w => w.LastEventId == ids[^1]);
        }, "every plugin catches up", TimeSpan.FromMinutes(3));

        Assert.True(samples > 0, "no sample saw a checkpoint mark");
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
        await Eventually.TrueAsync(() => engine.Engine.Workers.All(w => w.LastEventId == ids[^1]), "every plugin catches up");

        // Only the write at start: the interval holds back every request of the run.
        Assert.Equal(1, engine.Engine.Checkpointer!.WriteCount);
        Assert.Equal(0, StateFileJson.LastEventId(h.StatePath, "plugins", "noop_00"));

        await engine.StopAsync();

        Assert.Equal(2, engine.Engine.Checkpointer.WriteCount);
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

    /// <summary>Waits until every lane has handled <paramref name="lastId"/>; returns how far any lane ran ahead of the state file.</summary>
    private static async Task<long> CatchUpAsync(RunningEngine engine, long lastId)
    {
        var maxAhead = 0L;
        await Eventually.TrueAsync(() =>
        {
            maxAhead = Math.Max(maxAhead, engine.Engine.Workers.Max(Ahead));
            return engine.Engine.Workers.All(w => w.LastEventId == lastId);
        }, "every plugin catches up", TimeSpan.FromMinutes(3));
        return maxAhead;
    }

    private static long Ahead(PluginWorker worker)
    {
        // Handled first: the mark can only grow meanwhile, so a sample never shows more than the lane really was ahead.
        var handled = worker.HandledCount;
        return handled - worker.CheckpointedCount;
    }
}
