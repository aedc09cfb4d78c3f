using NLog;
using NLog.Config;
using NLog.Layouts;
using NLog.Targets;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// Logging for a command that runs beside a daemon (<c>replay</c>): the console only, every line marked, nothing written
/// to the daemon's log files (two processes appending to one file tear each other's lines, and a replay's lines are not
/// the daemon's). Secrets are masked as in every configuration.
/// </summary>
internal static class MarkedConsoleLogging
{
    /// <summary>Applies it to <paramref name="factory"/> (the global <see cref="LogManager"/> by default).</summary>
    /// <param name="level">The lowest level written.</param>
    /// <param name="marker">What starts every text line (<c>[replay]</c>), and the JSON lines' <c>source</c> field.</param>
    /// <param name="json">One JSON object per line (<c>log_format = json</c>) instead of text.</param>
    /// <param name="factory">The log factory to configure.</param>
    public static void Apply(LogLevel level, string marker, bool json, LogFactory? factory = null)
    {
        factory ??= LogManager.LogFactory;
        LoggingSetup.RegisterExtensions(factory);
        Layout layout;
        if (json)
        {
            var jsonLayout = LogLayouts.JsonLine(withHost: false);
            jsonLayout.Attributes.Insert(0, new JsonAttribute("source", marker.Trim('[', ']')));
            layout = jsonLayout;
            CallbackLogScope.Enabled = true;
        }
        else
        {
            layout = marker + " " + LogLayouts.ConsoleLine;
        }

        var config = new LoggingConfiguration(factory);
        var console = new SecretMaskingTargetWrapper(new ConsoleTarget("console") { Layout = layout, DetectConsoleAvailable = true });
        config.AddTarget("console", console);
        // The timing log is a file of the daemon's: a replay writes none.
        config.AddRule(new LoggingRule(LoggerNames.Timing) { Final = true });
        config.LoggingRules[0].SetLoggingLevels(LogLevel.Trace, LogLevel.Fatal);
        config.AddRule(level, LogLevel.Fatal, console);
        factory.Configuration = config;
    }
}
