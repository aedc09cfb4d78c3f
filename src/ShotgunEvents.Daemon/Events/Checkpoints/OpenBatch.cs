namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>A batch the poller handed out and no write has settled yet (<see cref="CheckpointCoordinator"/>'s bookkeeping).</summary>
/// <param name="Waiting">The plugins still working on their share.</param>
/// <param name="HandedOut">When it was handed out (timestamp).</param>
internal sealed record OpenBatch(HashSet<int> Waiting, long HandedOut)
{
    /// <summary>The plugins through their share already.</summary>
    public HashSet<int> Passed { get; } = [];
}
