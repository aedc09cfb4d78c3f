using NLog;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>The plugin-facing details of one load: who the plugin is and where it logs.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Path">The plugin's full path.</param>
/// <param name="Logger">The plugin's logger.</param>
/// <param name="CallbackLoggers">Makes a callback's logger from its name.</param>
/// <param name="Settings">The plugin settings.</param>
/// <param name="Host">What the plugin's registrar reaches in the daemon (connections, log level); null where no plugin code meets a site.</param>
internal sealed record PluginIdentity(string Name, string Path, Logger Logger, Func<string, Logger> CallbackLoggers,
    IReadOnlyDictionary<string, string> Settings, IRegistrarHost? Host = null);
