using NLog;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>One ERROR or CRITICAL event, already masked and cut to size, waiting to be mailed.</summary>
/// <param name="Time">When it was logged (the daemon's local time).</param>
/// <param name="Level">Error or Fatal.</param>
/// <param name="LoggerName">The logger, e.g. <c>engine</c> or <c>plugin.foo.onChange</c>.</param>
/// <param name="PluginName">The plugin the logger belongs to, or null for the engine and libraries.</param>
/// <param name="Text">The message and exception; secrets already masked.</param>
internal sealed record MailAlert(DateTimeOffset Time, LogLevel Level, string LoggerName, string? PluginName, string Text);
