using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Scoping;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>
/// The fields a plugin's status row carries about its registration: its own log level, its callbacks' scopes and
/// what they skipped. Merged into the row of <c>status</c>, the status file and <c>GET /api/status</c>.
/// </summary>
internal static class PluginStatusFields
{
    /// <summary>
    /// <c>log_level</c> (the level <c>reg.SetLogLevel</c> set, upstream's name, or null for the daemon's),
    /// <c>callback_scopes</c> (<c>{callback: "projects [..]; skips own writes"}</c>) and <c>skipped</c>
    /// (<c>{reason: count}</c>, every reason, since the daemon started).
    /// </summary>
    public static JObject For(Plugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var scopes = new JObject();
        foreach (var (callback, scope) in plugin.CallbackScopes)
        {
            scopes[callback] = scope;
        }

        var skipped = new JObject();
        foreach (var reason in SkipCounters.Reasons)
        {
            skipped[SkipCounters.Label(reason)] = plugin.Skips[reason];
        }

        return new JObject
        {
            ["log_level"] = plugin.LogLevel is { } level ? PythonLogLevel.NameOf(level) : null,
            ["callback_scopes"] = scopes,
            ["skipped"] = skipped,
        };
    }
}
