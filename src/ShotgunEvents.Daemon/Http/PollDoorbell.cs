using ShotgunEvents.Daemon.Events;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// The webhook's only effect: ends the poller's wait between polls early. The event log stays the one source of
/// truth, so a forged or replayed ring costs at most one extra poll, and a lost one at most <c>fetch_interval</c>.
/// </summary>
internal sealed class PollDoorbell(EventPoller poller)
{
    private long _rings;

    /// <summary>Rings so far (metrics).</summary>
    public long Rings => Interlocked.Read(ref _rings);

    public void Ring()
    {
        Interlocked.Increment(ref _rings);
        poller.Wake();
    }
}
