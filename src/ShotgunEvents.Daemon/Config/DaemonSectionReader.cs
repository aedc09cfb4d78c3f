namespace ShotgunEvents.Daemon.Config;

/// <summary>Reads <c>[daemon]</c>.</summary>
internal static class DaemonSectionReader
{
    /// <summary>The environment variable that overrides <c>log_format</c> (a container's config stays as shipped).</summary>
    public const string LogFormatVariable = "SHOTGUN_EVENTS_LOG_FORMAT";

    private static readonly Dictionary<string, LogFormat> LogFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = LogFormat.Text,
        ["json"] = LogFormat.Json,
    };

    private static readonly Dictionary<string, PluginConcurrency> Concurrency = new(StringComparer.OrdinalIgnoreCase)
    {
        ["per_plugin"] = PluginConcurrency.PerPlugin,
        ["serial"] = PluginConcurrency.Serial,
    };

    /// <summary>Reads the section, falling back to the defaults of <see cref="DaemonSection"/>.</summary>
    public static DaemonSection Read(ConfigContext context)
    {
        var r = context.Section("daemon");
        var d = new DaemonSection();

        var eventIdFile = context.ResolvePath(r.Text("eventIdFile") ?? d.EventIdFile);
        var (logPath, logFile) = ReadLogLocation(context, r, d);
        var compileCache = r.Text("compile_cache") is { } cache
            ? cache.Equals("off", StringComparison.OrdinalIgnoreCase) ? CompileCacheSetting.Off : CompileCacheSetting.At(context.ResolvePath(cache))
            : d.CompileCache;

        var section = new DaemonSection
        {
            PidFile = r.Text("pidFile") is { } pid ? context.ResolvePath(pid) : null,
            EventIdFile = eventIdFile,
            LogMode = ReadLogMode(r, d.LogMode),
            LogPath = logPath,
            LogFile = logFile,
            Logging = r.Parse("logging", d.Logging, LogLevelParser.TryParse),
            LogFormat = ReadLogFormat(context, r, d.LogFormat),
            TimingLog = r.Bool("timing_log", d.TimingLog),
            ConnRetrySleep = r.Seconds("conn_retry_sleep", d.ConnRetrySleep, allowZero: true),
            MaxConnRetries = r.Int("max_conn_retries", d.MaxConnRetries, min: 1),
            FetchInterval = r.Seconds("fetch_interval", d.FetchInterval),
            MaxEventBatchSize = r.Int("max_event_batch_size", d.MaxEventBatchSize, min: 1, max: 100_000),
            MaxParallelReads = r.Int("max_parallel_reads", d.MaxParallelReads, min: 1, max: 32),
            BacklogTimeout = r.Seconds("backlog_timeout", d.BacklogTimeout, allowZero: true),
            PluginConcurrency = r.Choice("plugin_concurrency", d.PluginConcurrency, Concurrency),
            StartFromEventId = ReadStartFrom(r),
            StateCheckpointInterval = ReadCheckpoint(r),
            CallbackTimeout = r.OptionalSeconds("callback_timeout", d.CallbackTimeout),
            ShutdownTimeout = r.Seconds("shutdown_timeout", d.ShutdownTimeout),
            CompileCache = compileCache,
            PluginRescanInterval = r.Seconds("plugin_rescan_interval", d.PluginRescanInterval),
            FailedEventRetries = r.Int("failed_event_retries", d.FailedEventRetries, min: 0, max: 100),
            FailedEventRetryBackoff = r.Seconds("failed_event_retry_backoff", d.FailedEventRetryBackoff, allowZero: true),
            LimitToProjects = r.List("limit_to_projects") ?? d.LimitToProjects,
            IgnoreProjects = r.List("ignore_projects") ?? d.IgnoreProjects,
            IgnoreUsers = r.List("ignore_users") ?? d.IgnoreUsers,
        };

        var both = section.LimitToProjects.Intersect(section.IgnoreProjects, StringComparer.OrdinalIgnoreCase).ToArray();
        if (both.Length > 0)
        {
            r.Error("ignore_projects", $"{string.Join(", ", both.Select(p => $"'{p}'"))} is also in limit_to_projects; a project is either limited to or ignored");
        }

        // Read with the sharding (ShardsSectionReader), which needs the other sections too.
        r.Skip("shard");
        r.ReportUnknownKeys();
        return section;
    }

    private static (string LogPath, string LogFile) ReadLogLocation(ConfigContext context, SectionReader r, DaemonSection d)
    {
        var logPath = r.Text("logPath");
        var logFile = r.Text("logFile");
        if (logPath is null && logFile is not null)
        {
            // Upstream: without logPath, logFile is the whole path.
            var full = context.ResolvePath(logFile);
            return (Path.GetDirectoryName(full)!, Path.GetFileName(full));
        }

        return (context.ResolvePath(logPath ?? d.LogPath), logFile ?? d.LogFile);
    }

    private static LogFormat ReadLogFormat(ConfigContext context, SectionReader r, LogFormat fallback)
    {
        var fromFile = r.Choice("log_format", fallback, LogFormats);
        var fromEnv = context.Env(LogFormatVariable);
        if (string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromFile;
        }

        if (LogFormats.TryGetValue(fromEnv.Trim(), out var format))
        {
            return format;
        }

        r.Error("log_format", $"${LogFormatVariable} '{fromEnv}' is not one of: {string.Join(", ", LogFormats.Keys)}");
        return fromFile;
    }

    private static LogMode ReadLogMode(SectionReader r, LogMode fallback)
    {
        var mode = r.Int("logMode", (int)fallback, min: 0);
        if (mode > 1)
        {
            // Upstream treats any value but 0 as 1; keep that, but say so.
            r.Warn("logMode", $"'{mode}' is taken as 1 (one log file per plugin); use 0 or 1");
        }

        return mode == 0 ? LogMode.SingleFile : LogMode.PerPlugin;
    }

    private static long? ReadStartFrom(SectionReader r) =>
        r.Parse<long?>("start_from", null, (string v, out long? id) =>
        {
            id = null;
            if (v.Equals("latest", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (long.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                id = n;
                return null;
            }

            return "is neither 'latest' nor an event id";
        });

    private static TimeSpan? ReadCheckpoint(SectionReader r) =>
        r.Parse<TimeSpan?>("state_checkpoint", null, (string v, out TimeSpan? interval) =>
        {
            interval = null;
            if (v.Equals("batch", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (double.TryParse(v, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var s)
                && s > 0 && s <= 86400)
            {
                interval = TimeSpan.FromSeconds(s);
                return null;
            }

            return "is neither 'batch' nor a number of seconds (more than 0, at most 86400)";
        });
}
