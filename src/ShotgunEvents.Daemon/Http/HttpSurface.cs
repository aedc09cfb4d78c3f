using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Events;

namespace ShotgunEvents.Daemon.Http;

/// <summary>What the endpoints read: the engine and its parts, the settings, and the doorbell.</summary>
internal sealed class HttpSurface
{
    public HttpSurface(DaemonSettings settings, EventEngine engine, SiteEventSource source, CallbackHistory history, Uri? siteUri,
        TimeProvider time)
    {
        Settings = settings;
        Engine = engine;
        Source = source;
        History = history;
        SiteUri = siteUri;
        Time = time;
        Doorbell = new PollDoorbell(engine.Poller);
        Poll = new PollHealth(engine, time);
    }

    public DaemonSettings Settings { get; }

    public EventEngine Engine { get; }

    public SiteEventSource Source { get; }

    public CallbackHistory History { get; }

    public Uri? SiteUri { get; }

    public TimeProvider Time { get; }

    public PollDoorbell Doorbell { get; }

    public PollHealth Poll { get; }
}
