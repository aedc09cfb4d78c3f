using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Daemon.Events.Checkpoints;

namespace ShotgunEvents.Tests.Daemon.Events.Checkpoints;

/// <summary>
/// The checkpoint policy on a fake clock: one write per batch when every plugin passed it, a slow or stuck plugin
/// held for the patience at most, the crash bound answered from the last write or by a new one, failures that release
/// whoever waits, plugins that leave mid-batch and come back, and the interval mode.
/// </summary>
public sealed class CheckpointCoordinatorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private CheckpointCoordinator Batches() => new(_time, interval: null, Patience);

    private static Dictionary<int, long> Covered(params (int Plugin, long Handled)[] plugins) => plugins.ToDictionary(p => p.Plugin, p => p.Handled);

    [Fact]
    public void TakeWrite_BatchDrained_WritesOnceThenNothingMore()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2, 3]);

        policy.Passed(1, 1);
        policy.Passed(1, 2);
        Assert.False(policy.TakeWrite());
        policy.Passed(1, 3);

        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 10), (2, 10), (3, 10)), succeeded: true);
        Assert.False(policy.TakeWrite());
        Assert.Null(policy.NextDeadline()); // no batch left open to expire
    }

    [Fact]
    public void TakeWrite_TwoBatchesDrainedBeforeTheWriterLooks_OneWriteSettlesBoth()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Dispatched(2, [1, 2]);
        foreach (var batch in new long[] { 1, 2 })
        {
            policy.Passed(batch, 1);
            policy.Passed(batch, 2);
        }

        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 20), (2, 20)), succeeded: true);

        Assert.False(policy.TakeWrite());
        Assert.Null(policy.NextDeadline());
    }

    [Fact]
    public void TakeWrite_OnePluginStuckInABatch_WrittenWithoutItOnceThePatienceIsUp()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Passed(1, 1);

        Assert.False(policy.TakeWrite());
        Assert.Equal(Patience, policy.NextDeadline());
        _time.Advance(Patience - TimeSpan.FromMilliseconds(1));
        Assert.False(policy.TakeWrite());
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 5), (2, 0)), succeeded: true);
        Assert.Null(policy.NextDeadline());
        // The stuck plugin passing later changes nothing that needs a batch write of its own.
        policy.Passed(1, 2);
        Assert.True(policy.TakeWrite()); // written once no batch is open, like any progress outside a batch
    }

    [Fact]
    public async Task WaitFor_LastWriteHoldsEnough_AnsweredAtOnceWithoutAWrite()
    {
        var policy = Batches();
        policy.Dispatched(1, [1]);
        policy.Passed(1, 1);
        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 500)), succeeded: true);

        var waiter = new TaskCompletionSource<long>();
        policy.WaitFor(1, 300, waiter);

        Assert.True(waiter.Task.IsCompletedSuccessfully);
        Assert.Equal(500, await waiter.Task);
        Assert.False(policy.TakeWrite());
    }

    [Fact]
    public async Task WaitFor_BoundReachedWithNoBatchToWaitFor_WritesAtOnce()
    {
        var policy = Batches();
        var waiter = new TaskCompletionSource<long>();

        policy.WaitFor(7, 500, waiter);

        Assert.True(policy.TakeWrite());
        Assert.False(waiter.Task.IsCompleted);
        policy.Written(Covered((7, 500)), succeeded: true);
        Assert.Equal(500, await waiter.Task);
    }

    [Fact]
    public async Task WaitFor_BoundReachedAfterPassingAnOpenBatch_WaitsForThatBatchsWriteNotOneOfItsOwn()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Passed(1, 1);
        var waiter = new TaskCompletionSource<long>();

        policy.WaitFor(1, 500, waiter);
        Assert.False(policy.TakeWrite());
        policy.Passed(1, 2);

        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 500), (2, 480)), succeeded: true);
        Assert.Equal(500, await waiter.Task);
    }

    [Fact]
    public async Task WaitFor_TheBatchItPassedIsHeldByAStuckPlugin_WrittenForItAtThePatience()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Passed(1, 1);
        var waiter = new TaskCompletionSource<long>();
        policy.WaitFor(1, 500, waiter);

        _time.Advance(Patience);

        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 500), (2, 3)), succeeded: true);
        Assert.Equal(500, await waiter.Task);
    }

    [Fact]
    public async Task Written_Failed_ReleasesWhoeverWaitsAndCoversNothing()
    {
        var policy = Batches();
        var waiter = new TaskCompletionSource<long>();
        policy.WaitFor(1, 500, waiter);
        Assert.True(policy.TakeWrite());

        policy.Written(Covered((1, 500)), succeeded: false);

        // Released (a full disk must not stop the plugin for good), but the failed write counts for nothing: the next
        // time the plugin is at its bound it asks again.
        Assert.Equal(500, await waiter.Task);
        var again = new TaskCompletionSource<long>();
        policy.WaitFor(1, 500, again);
        Assert.False(again.Task.IsCompleted);
        Assert.True(policy.TakeWrite());
    }

    [Fact]
    public void Gone_PluginRemovedMidBatch_TheBatchNoLongerWaitsForIt()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Passed(1, 1);

        policy.Gone(2);

        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 50)), succeeded: true);
        Assert.Null(policy.NextDeadline());
    }

    [Fact]
    public void Gone_ThenRejoined_OnlyTheBatchesAfterItsReturnWaitForIt()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Gone(2); // detached: it reads its own way forward
        policy.Passed(1, 1);
        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 10), (2, 4)), succeeded: true);

        // Back at the head: the next batch goes to both, and waits for both.
        policy.Dispatched(2, [1, 2]);
        policy.Passed(2, 1);
        Assert.False(policy.TakeWrite());
        policy.Passed(2, 2);
        Assert.True(policy.TakeWrite());
    }

    [Fact]
    public void Changed_OutsideAnyBatch_WrittenWhenNoBatchIsOpen()
    {
        var policy = Batches();
        policy.Dispatched(1, [1]);
        policy.Changed(); // a plugin reading its own way forward

        Assert.False(policy.TakeWrite());
        policy.Passed(1, 1);
        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 1)), succeeded: true);

        policy.Changed();
        Assert.True(policy.TakeWrite());
    }

    [Fact]
    public void Interval_ChangesWithinTheInterval_OneWriteWhenItIsUp()
    {
        var policy = new CheckpointCoordinator(_time, TimeSpan.FromSeconds(5), Patience);
        Assert.False(policy.BoundsPlugins);
        policy.Dispatched(1, [1]);
        policy.Passed(1, 1);
        Assert.False(policy.TakeWrite());
        Assert.Equal(TimeSpan.FromSeconds(5), policy.NextDeadline());

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(policy.TakeWrite());
        policy.Written(Covered((1, 1)), succeeded: true);

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.False(policy.TakeWrite()); // nothing changed since
        Assert.Null(policy.NextDeadline());
    }

    [Fact]
    public void Release_Stopping_EveryoneWaitingGoesOn()
    {
        var policy = Batches();
        policy.Dispatched(1, [1, 2]);
        policy.Passed(1, 1);
        var waiter = new TaskCompletionSource<long>();
        policy.WaitFor(1, 500, waiter);

        policy.Release();

        Assert.True(waiter.Task.IsCompletedSuccessfully);
    }
}
