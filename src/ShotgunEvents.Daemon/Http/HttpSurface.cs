using NLog;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Http;

/// <summary>What the endpoints read: the engine, the settings, the callback history, and the webhook's ring count.</summary>
internal sealed class HttpSurface(DaemonSettings settings, EventEngine engine, CallbackHistory history, Uri? siteUri, TimeProvider time)
{
    private long _rings;

    public DaemonSettings Settings { get; } = settings;

    public EventEngine Engine { get; } = engine;

    public CallbackHistory History { get; } = history;

    public Uri? SiteUri { get; } = siteUri;

    public TimeProvider Time { get; } = time;

    /// <summary>Readiness lines: one per change of state, not one per probe.</summary>
    public ReadinessLog Readiness { get; } = new(LogManager.GetLogger(LoggerNames.Engine));

    /// <summary>Valid webhook deliveries so far (metrics).</summary>
    public long Rings => Interlocked.Read(ref _rings);

    /// <summary>
    /// The webhook's only effect: ends the poller's wait between polls early. The event log stays the one source of
    /// truth, so a forged or replayed ring costs at most one extra poll, and a lost one at most <c>fetch_interval</c>.
    /// </summary>
    public void Ring()
    {
        Interlocked.Increment(ref _rings);
        Engine.Wake();
    }
}
