namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>The kinds of <see cref="CheckpointMessage"/>.</summary>
internal enum CheckpointMessageKind
{
    /// <summary>The poller handed a batch out.</summary>
    Dispatched,

    /// <summary>A plugin is through its share of a batch.</summary>
    Passed,

    /// <summary>A plugin gets no more batches.</summary>
    Gone,

    /// <summary>Progress outside any batch.</summary>
    Changed,

    /// <summary>A plugin at its crash bound waits for a write.</summary>
    WaitFor,
}
