using NLog;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// What <c>[daemon]</c> in daemon.ini says about logging, in the shape <see cref="LoggingSetup"/> needs.
/// The config reader fills it; nothing here reads the ini file.
/// </summary>
internal sealed record LoggingOptions
{
    /// <summary>0: everything in the engine log file. Any other value: one file for the engine plus one per plugin.</summary>
    public int LogMode { get; init; } = 1;

    /// <summary>The log directory; created when missing. When null, <see cref="LogFile"/> is the whole path (upstream).</summary>
    public string? LogPath { get; init; }

    /// <summary>The engine log file name inside <see cref="LogPath"/> (no extension is added, as upstream).</summary>
    public string LogFile { get; init; } = "shotgunEventDaemon";

    /// <summary>The level for the engine, the plugins and the console (<c>[daemon] logging</c>).</summary>
    public LogLevel Level { get; init; } = LogLevel.Info;

    /// <summary>Writes <c>&lt;logFile&gt;.timing</c>, one line per callback run (<c>timing_log = on</c>).</summary>
    public bool TimingLog { get; init; }

    /// <summary>Also writes every log event as one JSON object per line to <c>&lt;logFile&gt;.jsonl</c>, for log shippers.</summary>
    public bool JsonLines { get; init; }

    /// <summary>Writes to the console (coloured when it is a terminal).</summary>
    public bool Console { get; init; } = true;

    /// <summary>Writes the console as JSON lines instead of coloured text (containers whose stdout is shipped).</summary>
    public bool ConsoleJson { get; init; }

    /// <summary>
    /// Writes the engine, plugin and timing files as one JSON object per line instead of upstream's text lines
    /// (<c>log_format = json</c>): the layouts of the targets named <c>engineFile</c>, <c>pluginFile</c> and
    /// <c>timingFile</c> are replaced, whatever nlog.config gives them.
    /// </summary>
    public bool JsonFiles { get; init; }

    /// <summary>Rotated files kept per log file; rotation is at midnight (upstream keeps 10).</summary>
    public int KeepDays { get; init; } = 10;

    /// <summary>True when each plugin gets its own file.</summary>
    public bool PerPluginFiles => LogMode != 0;
}
