namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The logger names the layout in nlog.config routes on. They are upstream's names, so existing
/// log-reading habits (grep for <c>plugin.foo</c>) keep working.
/// </summary>
internal static class LoggerNames
{
    /// <summary>The engine's own messages.</summary>
    public const string Engine = "engine";

    /// <summary>One line per callback run, written to <c>&lt;logFile&gt;.timing</c>.</summary>
    public const string Timing = "timing";

    /// <summary>The mail alert machinery itself; never mailed, so an SMTP outage cannot feed itself.</summary>
    public const string Alerts = "ShotgunEvents.Alerts";

    /// <summary>Prefix of every plugin and callback logger.</summary>
    public const string PluginPrefix = "plugin.";

    /// <summary>The logger of a plugin: <c>plugin.&lt;name&gt;</c>.</summary>
    public static string Plugin(string pluginName) => PluginPrefix + pluginName;

    /// <summary>The logger of one callback: <c>plugin.&lt;name&gt;.&lt;callback&gt;</c>, a child of the plugin logger.</summary>
    public static string Callback(string pluginName, string callbackName) => PluginPrefix + pluginName + "." + callbackName;

    /// <summary>
    /// The plugin a logger belongs to, or null for the engine and libraries. The name is the first dot-separated
    /// part after <c>plugin.</c>, so plugin names must not contain dots (the plugin host keeps file stems that way).
    /// </summary>
    public static string? PluginNameOf(string? loggerName)
    {
        if (loggerName is null || !loggerName.StartsWith(PluginPrefix, StringComparison.Ordinal)
            || loggerName.Length == PluginPrefix.Length)
        {
            return null;
        }

        var end = loggerName.IndexOf('.', PluginPrefix.Length);
        return end < 0 ? loggerName[PluginPrefix.Length..] : loggerName[PluginPrefix.Length..end];
    }
}
