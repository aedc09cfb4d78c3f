using ShotgunEvents.Daemon.Alerts;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Scoping;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;
using NLogLevel = NLog.LogLevel;
using LogFactory = NLog.LogFactory;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>The one place the parsed configuration becomes the options of the engine, the logging and the alerts.</summary>
internal static class SettingsMapping
{
    public static EngineOptions ToEngineOptions(DaemonSection daemon, Uri? site, LogFactory logFactory) => new()
    {
        StateFilePath = daemon.EventIdFile,
        SiteUri = site,
        FetchInterval = daemon.FetchInterval,
        MaxEventBatchSize = daemon.MaxEventBatchSize,
        MaxParallelReads = daemon.MaxParallelReads,
        BacklogTimeout = daemon.BacklogTimeout,
        Serial = daemon.PluginConcurrency == PluginConcurrency.Serial,
        StartFrom = daemon.StartFromEventId,
        CheckpointInterval = daemon.StateCheckpointInterval,
        MaxOutageBackoff = daemon.ConnRetrySleep,
        ShutdownTimeout = daemon.ShutdownTimeout,
        LogFactory = logFactory,
    };

    public static LoggingOptions ToLoggingOptions(DaemonSettings settings) => new()
    {
        LogMode = (int)settings.Daemon.LogMode,
        LogPath = settings.Daemon.LogPath,
        LogFile = settings.Daemon.LogFile,
        Level = ToNLog(settings.Daemon.Logging),
        TimingLog = settings.Daemon.TimingLog,
        ConsoleJson = settings.Daemon.LogFormat == LogFormat.Json,
        JsonFiles = settings.Daemon.LogFormat == LogFormat.Json,
    };

    public static EmailAlertOptions ToEmailOptions(DaemonSettings settings) => new()
    {
        Enabled = settings.Emails.Enabled,
        Server = settings.Emails.Server ?? string.Empty,
        Port = settings.Emails.Port,
        UseStartTls = settings.Emails.UseTls,
        UseSsl = settings.Emails.UseSsl,
        Username = settings.Emails.Username,
        Password = settings.Emails.Password,
        From = settings.Emails.From ?? string.Empty,
        To = settings.Emails.To,
        Subject = settings.Emails.Subject,
        DigestInterval = settings.Emails.DigestInterval,
    };

    /// <summary>The daemon-wide event scopes of <c>[daemon]</c>.</summary>
    public static DaemonScope ToScope(DaemonSection daemon) =>
        new(ProjectSelector.Parse(daemon.LimitToProjects), ProjectSelector.Parse(daemon.IgnoreProjects), daemon.IgnoreUsers);

    public static NLogLevel ToNLog(MsLogLevel level) => level switch
    {
        MsLogLevel.Trace => NLogLevel.Trace,
        MsLogLevel.Debug => NLogLevel.Debug,
        MsLogLevel.Information => NLogLevel.Info,
        MsLogLevel.Warning => NLogLevel.Warn,
        MsLogLevel.Error => NLogLevel.Error,
        MsLogLevel.Critical => NLogLevel.Fatal,
        _ => NLogLevel.Off,
    };
}
