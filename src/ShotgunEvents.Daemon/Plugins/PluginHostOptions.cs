using NLog;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Scoping;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>How plugins are compiled, watched and run.</summary>
internal sealed class PluginHostOptions
{
    /// <summary>Where compiled plugins are cached between runs; null or empty turns the cache off.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// How often every plugin file (and every file it loads) is checked for changes, watcher or not (network shares,
    /// files loaded from outside the directory); zero or less turns the rescan off.
    /// </summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quiet time after the last file-system event before a changed plugin is compiled (a save writes several times).</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>False to rely on the periodic rescan alone (file systems without change notifications).</summary>
    public bool WatchFileSystem { get; set; } = true;

    /// <summary>Copy each event's <c>session_uuid</c> onto the callback's connection before the call (<c>use_session_uuid</c>).</summary>
    public bool UseSessionUuid { get; set; }

    /// <summary>A callback running longer than this is reported as stuck (it is not cancelled); null for no limit.</summary>
    public TimeSpan? CallbackTimeout { get; set; }

    /// <summary>
    /// How long a reload waits for the event in flight before it abandons it and starts the new version at that event;
    /// a callback already reported stuck (<see cref="CallbackTimeout"/>) is abandoned at once.
    /// </summary>
    public TimeSpan ReloadGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True in <c>plugin_concurrency = serial</c>: a stuck callback then holds up every plugin, and its warning says so.</summary>
    public bool Serial { get; set; }

    /// <summary>Settings handed to plugins (<c>reg.Settings</c>, <c>Setting("key")</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// How many times a failing <c>stopOnError</c> callback is retried on the same event before the plugin is
    /// deactivated (upstream #49); 0 deactivates at the first failure, as upstream does.
    /// </summary>
    public int FailedEventRetries { get; set; }

    /// <summary>The wait before the first retry; it doubles for each further retry.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The NLog factory plugin, callback and engine loggers come from.</summary>
    public LogFactory LogFactory { get; set; } = LogManager.LogFactory;

    /// <summary>Where one line per callback run goes (upstream's timing log); null for none.</summary>
    public TimingLog? TimingLog { get; set; }

    /// <summary>The daemon's <c>[daemon] logging</c> level: what a plugin's <c>SetLogLevel</c> replaces for its own loggers.</summary>
    public LogLevel DaemonLogLevel { get; set; } = LogLevel.Info;

    /// <summary>The daemon-wide event scopes (<c>limit_to_projects</c>, <c>ignore_projects</c>, <c>ignore_users</c>).</summary>
    public DaemonScope Scope { get; set; } = DaemonScope.Everything;

    /// <summary>
    /// The script name of the daemon's own credentials: the script user a callback registered without credentials
    /// writes as (for <c>SkipOwnWrites</c>); null when unknown.
    /// </summary>
    public string? DaemonScriptName { get; set; }

    /// <summary>The name look-ups of the scopes, shared by every plugin of the daemon.</summary>
    internal SiteDirectory Directory { get; } = new();
}
