namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>The kinds of <see cref="LaneMessage"/>.</summary>
internal enum LaneMessageKind
{
    /// <summary>From the poller: a batch of events at the head (the lane picks those it wants).</summary>
    Batch,

    /// <summary>From the poller: no more batches after the ones already sent (the lane's queue was full, or it is stuck).</summary>
    Detached,

    /// <summary>From the poller: taken back at the head; batches follow from <see cref="LaneMessage.Head"/> on.</summary>
    Joined,

    /// <summary>From the poller: not taken back yet, the head is at <see cref="LaneMessage.Head"/>; read on to it.</summary>
    NotYet,

    /// <summary>From the engine: the plugin was reloaded or its state changed (active again, or inactive now).</summary>
    PluginChanged,
}
