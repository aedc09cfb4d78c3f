using Microsoft.Extensions.Logging;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// <c>[daemon]</c>: the engine's settings. A default-constructed instance holds the documented defaults, so tests can
/// build one with only the values they care about. Paths set by <see cref="ConfigLoader"/> are absolute.
/// </summary>
internal sealed record DaemonSection
{
    /// <summary><c>pidFile</c>: the pid file to write, or null for none (the default: foreground runs need none).</summary>
    public string? PidFile { get; init; }

    /// <summary>
    /// <c>eventIdFile</c>: the JSON state file (default <c>shotgun-events.state.json</c> beside the config).
    /// Upstream kept a pickle under this key; <c>shotgun-events migrate-state</c> converts one.
    /// </summary>
    public string EventIdFile { get; init; } = "shotgun-events.state.json";

    /// <summary><c>logMode</c>: <c>0</c> one file, <c>1</c> (default) one per plugin as well.</summary>
    public LogMode LogMode { get; init; } = LogMode.PerPlugin;

    /// <summary>
    /// <c>logPath</c>: the log directory. When the file sets <c>logFile</c> but no <c>logPath</c>, <c>logFile</c> is the
    /// whole path, as upstream; when it sets neither, <c>logs</c> beside the config.
    /// </summary>
    public string LogPath { get; init; } = "logs";

    /// <summary><c>logFile</c>: the engine log's file name inside <see cref="LogPath"/> (default <c>shotgun-events.log</c>).</summary>
    public string LogFile { get; init; } = "shotgun-events.log";

    /// <summary><c>logging</c>: the level of the engine and plugin loggers, a Python number (10, 20...) or a name (default INFO).</summary>
    public LogLevel Logging { get; init; } = LogLevel.Information;

    /// <summary>
    /// <c>log_format</c>: <c>text</c> (default) or <c>json</c>, for the console and every file;
    /// <c>SHOTGUN_EVENTS_LOG_FORMAT</c> overrides it.
    /// </summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary><c>timing_log</c>: write <c>&lt;logPath&gt;/&lt;logFile&gt;.timing</c> (default off).</summary>
    public bool TimingLog { get; init; }

    /// <summary><c>conn_retry_sleep</c>: the pause after <see cref="MaxConnRetries"/> failed site requests in a row (default 60 s).</summary>
    public TimeSpan ConnRetrySleep { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>max_conn_retries</c>: failed requests before an ERROR and the pause (default 5).</summary>
    public int MaxConnRetries { get; init; } = 5;

    /// <summary><c>fetch_interval</c>: the pause after a batch that was not full (default 5 s; fractions allowed).</summary>
    public TimeSpan FetchInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>max_event_batch_size</c>: events read per poll (default 500).</summary>
    public int MaxEventBatchSize { get; init; } = 500;

    /// <summary><c>max_parallel_reads</c>: while catching up, how many event-log reads may be in flight at once (default 4; 1 reads one page at a time).</summary>
    public int MaxParallelReads { get; init; } = 4;

    /// <summary><c>backlog_timeout</c>: how long a missing event id is waited for, after the <c>created_at</c> of the event past the gap, in site time (default 300 s).</summary>
    public TimeSpan BacklogTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary><c>plugin_concurrency</c>: <c>per_plugin</c> (default) or <c>serial</c>.</summary>
    public PluginConcurrency PluginConcurrency { get; init; } = PluginConcurrency.PerPlugin;

    /// <summary><c>start_from</c>: on a first start, null (<c>latest</c>, the default) begins after the newest existing event; an id begins at that id.</summary>
    public long? StartFromEventId { get; init; }

    /// <summary><c>state_checkpoint</c>: null (<c>batch</c>, the default) writes the state file after every batch; a time writes it at most that often. It is always written on shutdown.</summary>
    public TimeSpan? StateCheckpointInterval { get; init; }

    /// <summary><c>callback_timeout</c>: a callback running longer is reported stuck; null (default) for no limit.</summary>
    public TimeSpan? CallbackTimeout { get; init; }

    /// <summary><c>shutdown_timeout</c>: how long a stop waits for the events in hand (default 30 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>compile_cache</c>: off, a directory, or (the default) <c>compile-cache</c> beside the state file.</summary>
    public CompileCacheSetting CompileCache { get; init; } = CompileCacheSetting.BesideStateFile;

    /// <summary>The plugin compile cache directory, or null when <c>compile_cache = off</c>.</summary>
    public string? CompileCacheDirectory => CompileCache.DirectoryFor(EventIdFile);

    /// <summary><c>plugin_rescan_interval</c>: how often plugin directories are rescanned by mtime, besides the file watcher (default 5 s).</summary>
    public TimeSpan PluginRescanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>failed_event_retries</c>: how many times a failing <c>stopOnError</c> callback is retried on the same event
    /// before its plugin is deactivated (upstream #49). 0 (the default) deactivates at once, as upstream.
    /// </summary>
    public int FailedEventRetries { get; init; }

    /// <summary><c>failed_event_retry_backoff</c>: the wait before the first retry; it doubles for each further one.</summary>
    public TimeSpan FailedEventRetryBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>limit_to_projects</c>: only events of these projects reach plugins (ids, or names looked up on the site);
    /// events without a project pass. Empty (the default) for every project.
    /// </summary>
    public IReadOnlyList<string> LimitToProjects { get; init; } = [];

    /// <summary><c>ignore_projects</c>: events of these projects (ids or names) reach no plugin.</summary>
    public IReadOnlyList<string> IgnoreProjects { get; init; } = [];

    /// <summary><c>ignore_users</c>: events made by these <c>HumanUser</c> logins or <c>ApiUser</c> (script) names reach no plugin.</summary>
    public IReadOnlyList<string> IgnoreUsers { get; init; } = [];

    /// <summary>The engine log file: <see cref="LogPath"/> joined with <see cref="LogFile"/>.</summary>
    public string LogFilePath => Path.Combine(LogPath, LogFile);
}
