namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>A plugin at its crash bound, waiting for a write (<see cref="CheckpointCoordinator"/>'s bookkeeping).</summary>
/// <param name="Plugin">The plugin's delivery id.</param>
/// <param name="Handled">The handled events the write must hold.</param>
/// <param name="Completion">Completed with what the write held.</param>
/// <param name="Due">When to write for it at the latest (timestamp).</param>
internal sealed record BoundWaiter(int Plugin, long Handled, TaskCompletionSource<long> Completion, long Due);
