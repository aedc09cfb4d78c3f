using NLog;

namespace ShotgunEvents.Api;

/// <summary>
/// What a plugin's top-level code can use without qualification: <c>Env("NAME")</c>, <c>Setting("key")</c>,
/// <c>Log</c>, <c>PluginName</c>. The daemon creates one per load of the plugin.
/// </summary>
/// <example>
/// <code>
/// void registerCallbacks(Registrar reg) =>
///     reg.RegisterCallback(Env("SGDAEMON_VERSIONS_NAME"), Env("SGDAEMON_VERSIONS_KEY"), OnVersion);
/// </code>
/// </example>
public sealed class PluginGlobals
{
    internal PluginGlobals(string pluginName, string pluginPath, Logger log, IReadOnlyDictionary<string, string> settings)
    {
        PluginName = pluginName;
        PluginPath = pluginPath;
        Log = log;
        Settings = settings;
    }

    /// <summary>The plugin's name: its file name without <c>.csx</c>.</summary>
    public string PluginName { get; }

    /// <summary>The full path of the plugin's <c>.csx</c> file.</summary>
    public string PluginPath { get; }

    /// <summary>The plugin's logger, <c>plugin.&lt;name&gt;</c> (the same as <see cref="Registrar.Logger"/>).</summary>
    public Logger Log { get; }

    /// <summary>The plugin settings of the daemon configuration, read-only.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>An environment variable of the daemon's process.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>Its value, or null when it is not set.</returns>
    public string? Env(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>A plugin setting of the daemon configuration.</summary>
    /// <param name="key">The setting's key.</param>
    /// <returns>Its value, or null when it is not set.</returns>
    public string? Setting(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
