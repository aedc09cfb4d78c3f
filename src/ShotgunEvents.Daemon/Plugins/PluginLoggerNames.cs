using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>
/// Logger names for plugins. The log layout takes the plugin name as the part between <c>plugin.</c> and the next
/// dot, so a dot in a file stem (<c>my.tool.csx</c>) becomes an underscore in the logger name only.
/// </summary>
internal static class PluginLoggerNames
{
    /// <summary><c>plugin.&lt;name&gt;</c>.</summary>
    public static string Plugin(string pluginName) => LoggerNames.Plugin(pluginName.Replace('.', '_'));

    /// <summary><c>plugin.&lt;name&gt;.&lt;callback&gt;</c>.</summary>
    public static string Callback(string pluginName, string callbackName) =>
        LoggerNames.Callback(pluginName.Replace('.', '_'), callbackName);
}
