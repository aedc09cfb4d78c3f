using System.Globalization;
using NLog;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The values nlog.config reads through <c>${var:...}</c>, computed from <see cref="LoggingOptions"/>. The file and
/// the built-in configuration both take them from here, so they cannot drift apart.
/// </summary>
internal sealed record LoggingVariables
{
    /// <summary>The absolute log directory.</summary>
    public required string LogDir { get; init; }

    /// <summary>The engine log file name.</summary>
    public required string LogFile { get; init; }

    /// <summary>The level of the engine and plugin files.</summary>
    public required LogLevel MinLevel { get; init; }

    /// <summary>The coloured console's level, Off when it is not used.</summary>
    public required LogLevel ConsoleLevel { get; init; }

    /// <summary>The JSON console's level, Off when it is not used.</summary>
    public required LogLevel ConsoleJsonLevel { get; init; }

    /// <summary>The per-plugin files' level, Off in logMode 0.</summary>
    public required LogLevel PluginFileLevel { get; init; }

    /// <summary>Info when the timing log is on, else Off.</summary>
    public required LogLevel TimingLevel { get; init; }

    /// <summary>The JSON-lines file's level, Off when it is not used.</summary>
    public required LogLevel JsonLevel { get; init; }

    /// <summary>Rotated files kept per log.</summary>
    public required int KeepFiles { get; init; }

    /// <summary>Computes the variables; the log directory is resolved to an absolute path but not created.</summary>
    public static LoggingVariables From(LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.LogFile))
        {
            throw new LoggingSetupException("[daemon] logFile is empty: it names the engine log file.");
        }

        if (options.KeepDays < 0)
        {
            throw new LoggingSetupException($"The number of rotated log files to keep must be 0 or more, not {options.KeepDays}.");
        }

        // Upstream: without logPath, logFile is the whole path.
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(options.LogPath)
            ? options.LogFile
            : Path.Combine(options.LogPath, options.LogFile));
        var level = options.Level;
        return new LoggingVariables
        {
            LogDir = Path.GetDirectoryName(full)!,
            LogFile = Path.GetFileName(full),
            MinLevel = level,
            ConsoleLevel = options.Console && !options.ConsoleJson ? level : LogLevel.Off,
            ConsoleJsonLevel = options.Console && options.ConsoleJson ? level : LogLevel.Off,
            PluginFileLevel = options.PerPluginFiles ? level : LogLevel.Off,
            TimingLevel = options.TimingLog ? LogLevel.Info : LogLevel.Off,
            JsonLevel = options.JsonLines ? level : LogLevel.Off,
            KeepFiles = options.KeepDays,
        };
    }

    /// <summary>The variables by their nlog.config names.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["logDir"] = LogDir,
        ["logFile"] = LogFile,
        ["minLevel"] = MinLevel.Name,
        ["consoleLevel"] = ConsoleLevel.Name,
        ["consoleJsonLevel"] = ConsoleJsonLevel.Name,
        ["pluginFileLevel"] = PluginFileLevel.Name,
        ["timingLevel"] = TimingLevel.Name,
        ["jsonLevel"] = JsonLevel.Name,
        ["keepFiles"] = KeepFiles.ToString(CultureInfo.InvariantCulture),
    };
}
