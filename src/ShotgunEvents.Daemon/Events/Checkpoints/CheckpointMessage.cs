namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>A message to the state writer's loop (see <see cref="CheckpointCoordinator"/> for what each one means).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Batch">The batch, for <see cref="CheckpointMessageKind.Dispatched"/> and <see cref="CheckpointMessageKind.Passed"/>.</param>
/// <param name="Plugin">The plugin's delivery id.</param>
/// <param name="Plugins">For <see cref="CheckpointMessageKind.Dispatched"/>: who got the batch.</param>
/// <param name="Handled">For <see cref="CheckpointMessageKind.WaitFor"/>: the handled events the write must hold.</param>
/// <param name="Waiter">For <see cref="CheckpointMessageKind.WaitFor"/>: completed when a write holds them.</param>
internal readonly record struct CheckpointMessage(
    CheckpointMessageKind Kind,
    long Batch = 0,
    int Plugin = 0,
    int[]? Plugins = null,
    long Handled = 0,
    TaskCompletionSource<long>? Waiter = null);
