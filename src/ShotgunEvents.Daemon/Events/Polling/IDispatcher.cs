using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>
/// How the poll loop hands events to the plugins: to lanes that never make it wait (<see cref="LaneDispatcher"/>), or
/// through every plugin in turn on the poll loop itself, upstream's order (<see cref="SerialDispatcher"/>). Chosen once,
/// by the engine. Called by the poll loop only.
/// </summary>
internal interface IDispatcher
{
    /// <summary>The first id the next read must return, or null when no plugin needs events now.</summary>
    long? NextReadFrom { get; }

    /// <summary>True when some plugin is at the head: a read that comes back short then ends at the site's newest event.</summary>
    bool AtHead { get; }

    /// <summary>Acts on a message from another thread (a lane asks to rejoin or leaves, a plugin is added or removed).</summary>
    void Apply(PollerMessage message);

    /// <summary>The cycle's work before the main read (serial mode re-reads its plugins' backlogs here).</summary>
    Task BeforeReadAsync(CancellationToken stopping);

    /// <summary>Hands out one batch, in id order.</summary>
    Task DispatchAsync(IReadOnlyList<ShotgunEvent> events, CancellationToken stopping);
}
