using NLog.Targets;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Configures NLog from <c>daemon.ini</c>: the <c>nlog.config</c> beside the config file wins, else the shipped one.</summary>
internal static class LoggingBootstrap
{
    public static AppliedLogging Apply(DaemonSettings settings, Target? alertTarget, TextWriter? console = null)
    {
        var besideConfig = Path.Combine(Path.GetDirectoryName(settings.ConfigPath) ?? ".", LoggingSetup.DefaultFileName);
        var nlogConfig = File.Exists(besideConfig) ? besideConfig : null;
        var applied = LoggingSetup.Apply(SettingsMapping.ToLoggingOptions(settings), nlogConfig, alertTarget);
        if (Unwritable(settings.Daemon.LogPath) is { } reason)
        {
            // NLog drops what it cannot write without a word; one line, where someone will see it.
            (console ?? Console.Error).WriteLine(
                $"shotgun-events: the log folder {Path.GetFullPath(settings.Daemon.LogPath)} cannot be written ({reason}): the engine and plugin " +
                "log files stay empty; the console still gets every line.");
        }

        return applied;
    }

    /// <summary>Why nothing can be written in <paramref name="directory"/>, or null when a file can be made there.</summary>
    private static string? Unwritable(string directory)
    {
        var probe = Path.Combine(directory, $".shotgun-events-write-test-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }
}
