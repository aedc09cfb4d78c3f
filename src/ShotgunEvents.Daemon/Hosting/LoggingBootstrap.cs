using NLog.Targets;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Configures NLog from <c>daemon.ini</c>: the <c>nlog.config</c> beside the config file wins, else the shipped one.</summary>
internal static class LoggingBootstrap
{
    public static AppliedLogging Apply(DaemonSettings settings, Target? alertTarget)
    {
        var besideConfig = Path.Combine(Path.GetDirectoryName(settings.ConfigPath) ?? ".", LoggingSetup.DefaultFileName);
        var nlogConfig = File.Exists(besideConfig) ? besideConfig : null;
        return LoggingSetup.Apply(SettingsMapping.ToLoggingOptions(settings), nlogConfig, alertTarget);
    }
}
