using NLog;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// Upstream's numeric levels (<c>[daemon] logging = 20</c>) and level names (WARNING, CRITICAL), so files and
/// mails read as they did under the Python daemon.
/// </summary>
internal static class PythonLogLevel
{
    /// <summary>
    /// Maps a Python logging number to an NLog level: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL;
    /// a value between two levels takes the lower one (Python logs a record when its number is at least the level),
    /// below 10 is Trace, above 50 is Off.
    /// </summary>
    public static LogLevel FromNumber(int level) => level switch
    {
        < 10 => LogLevel.Trace,
        < 20 => LogLevel.Debug,
        < 30 => LogLevel.Info,
        < 40 => LogLevel.Warn,
        < 50 => LogLevel.Error,
        50 => LogLevel.Fatal,
        _ => LogLevel.Off,
    };

    /// <summary>The Python name of an NLog level: WARNING for Warn, CRITICAL for Fatal.</summary>
    public static string NameOf(LogLevel level)
    {
        if (level == LogLevel.Warn)
        {
            return "WARNING";
        }

        if (level == LogLevel.Fatal)
        {
            return "CRITICAL";
        }

        return level.Name.ToUpperInvariant();
    }
}
