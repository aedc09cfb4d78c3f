using NLog;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The plugin, callback and event id of a callback run, as NLog scope properties around the run, so every line logged
/// while it runs (the plugin's own, the engine's about it, the timing line) carries them as JSON fields. Pushed only
/// once a JSON layout has been configured in the process (<see cref="Enabled"/>; a process applies its logging once):
/// a text line has no place for them, and a push costs an allocation per callback run.
/// </summary>
internal static class CallbackLogScope
{
    /// <summary>The scope property holding the plugin's name.</summary>
    public const string PluginProperty = "plugin";

    /// <summary>The scope property holding the callback's name.</summary>
    public const string CallbackProperty = "callback";

    /// <summary>The scope property holding the event id.</summary>
    public const string EventIdProperty = "event_id";

    // Set by LoggingSetup when it applies a configuration with a JSON layout, read by every callback run: a plain flag.
    private static volatile bool _enabled;

    /// <summary>True once a JSON layout has been configured.</summary>
    public static bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Pushes the run's fields; null (nothing to dispose) until a JSON layout is configured.</summary>
    /// <param name="plugin">The plugin's name.</param>
    /// <param name="callback">The callback's name.</param>
    /// <param name="eventId">The event's id.</param>
    public static IDisposable? Push(string plugin, string callback, long eventId) => _enabled
        ? ScopeContext.PushProperties(new KeyValuePair<string, object?>[]
        {
            new(PluginProperty, plugin), new(CallbackProperty, callback), new(EventIdProperty, eventId),
        })
        : null;
}
