namespace ShotgunEvents.Daemon.State;

/// <summary>
/// The site's time, estimated from the newest <c>created_at</c> seen plus the local time elapsed since (a monotonic
/// <see cref="TimeProvider"/> timestamp, not the wall clock). Backlog expiry is measured against it, so a daemon
/// whose clock is off, or that lags behind the site, neither drops late events too early nor waits forever
/// (upstream compared site times with the local wall clock). Before anything is observed it falls back to the local
/// clock. Feed it every event's <c>created_at</c>; it never goes backwards. Thread-safe: the poller and every lane
/// feed and read it, under its lock.
/// </summary>
internal sealed class SiteClock
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset? _anchor;
    private long _anchorTimestamp;

    /// <summary>Creates a clock that has seen nothing yet.</summary>
    public SiteClock(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The estimated current time on the site.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_lock)
            {
                return NowLocked();
            }
        }
    }

    /// <summary>Takes a site time into account (an event's <c>created_at</c>); older ones are ignored.</summary>
    public void Observe(DateTimeOffset siteTime)
    {
        lock (_lock)
        {
            if (_anchor is null || siteTime > NowLocked())
            {
                _anchor = siteTime;
                _anchorTimestamp = _time.GetTimestamp();
            }
        }
    }

    private DateTimeOffset NowLocked() =>
        _anchor is { } anchor ? anchor + _time.GetElapsedTime(_anchorTimestamp) : _time.GetUtcNow();
}
