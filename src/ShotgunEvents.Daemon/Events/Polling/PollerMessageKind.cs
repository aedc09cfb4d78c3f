namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>The kinds of <see cref="PollerMessage"/>.</summary>
internal enum PollerMessageKind
{
    /// <summary>Poll now (a webhook rang, a lane has room again).</summary>
    Wake,

    /// <summary>A lane caught up on its own and asks to be fed at the head again.</summary>
    Rejoin,

    /// <summary>A lane takes no more batches (its plugin is inactive, or its loop was replaced).</summary>
    Leave,

    /// <summary>A plugin's delivery was added (a new plugin file).</summary>
    Added,

    /// <summary>A plugin's delivery was removed (its file is gone).</summary>
    Removed,
}
