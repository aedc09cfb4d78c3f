namespace ShotgunEvents.Daemon.State;

/// <summary>What <see cref="PluginState.Handle"/> did with an event: tells the engine what to log.</summary>
internal enum HandledKind
{
    /// <summary>The next event after the last one: the cursor moved on, nothing to log.</summary>
    Advanced,

    /// <summary>A late event that was in the backlog: removed from it; the cursor did not move (log at INFO).</summary>
    FilledFromBacklog,

    /// <summary>Ids were skipped and went to the backlog as one range (log the range once).</summary>
    GapBacklogged,

    /// <summary>Ids were skipped but are already older than the backlog timeout: dropped (log the range once).</summary>
    GapDropped,

    /// <summary>The event was at or before the cursor and not in the backlog: nothing changed (a duplicate).</summary>
    AlreadyHandled,
}
