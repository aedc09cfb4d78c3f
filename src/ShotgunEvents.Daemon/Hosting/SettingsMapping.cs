using ShotgunEvents.Daemon.Alerts;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;
using NLogLevel = NLog.LogLevel;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Maps the parsed configuration onto the options of the logging and alert parts.</summary>
internal static class SettingsMapping
{
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
