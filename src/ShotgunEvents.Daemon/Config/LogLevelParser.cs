using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// <c>[daemon] logging</c>: a Python level number as upstream wrote it (10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR,
/// 50 CRITICAL; a number between two levels acts like the higher one, as in Python, and below 10 means TRACE) or a name.
/// </summary>
internal static class LogLevelParser
{
    private static readonly Dictionary<string, LogLevel> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TRACE"] = LogLevel.Trace,
        ["DEBUG"] = LogLevel.Debug,
        ["INFO"] = LogLevel.Information,
        ["INFORMATION"] = LogLevel.Information,
        ["WARNING"] = LogLevel.Warning,
        ["WARN"] = LogLevel.Warning,
        ["ERROR"] = LogLevel.Error,
        ["CRITICAL"] = LogLevel.Critical,
        ["FATAL"] = LogLevel.Critical,
    };

    /// <summary>Parses a level; returns null or the reason the text is wrong.</summary>
    public static string? TryParse(string text, out LogLevel level)
    {
        if (Names.TryGetValue(text, out level))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            level = number switch
            {
                < 10 => LogLevel.Trace,
                <= 10 => LogLevel.Debug,
                <= 20 => LogLevel.Information,
                <= 30 => LogLevel.Warning,
                <= 40 => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            return null;
        }

        return "is not a log level (a number such as 20, or DEBUG, INFO, WARNING, ERROR, CRITICAL)";
    }
}
