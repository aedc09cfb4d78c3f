namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>How a plugin gets its events now (status, metrics, and its lane's own decisions).</summary>
internal enum DeliveryMode
{
    /// <summary>Fed by the poller at the head, with the other plugins there.</summary>
    Attached,

    /// <summary>Behind the head (it was slow, stuck, inactive, or started behind): reads its own way forward from its position.</summary>
    Detached,

    /// <summary>Caught up on its own; waiting for the poller to take it back at the head.</summary>
    Joining,

    /// <summary>The plugin takes no events (did not compile or register, stopped on an error, removed); its position waits.</summary>
    Inactive,

    /// <summary><c>plugin_concurrency = serial</c>: run by the poll loop itself, one event at a time through every plugin.</summary>
    Serial,
}
