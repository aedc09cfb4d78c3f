using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Running;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>
/// What a plugin's <see cref="Registrar"/> reaches in the daemon: the plugin's connections (the ones its callbacks
/// use) and its log level. Holds no state of its own.
/// </summary>
internal sealed class RegistrarHost(PluginConnections connections, Action<LogLevel?> applyLogLevel) : IRegistrarHost
{
    public IShotgun Connection(string? scriptName, string? scriptKey)
    {
        // Registered before anything can log it: a connection error names the script, never the key.
        SecretMasker.Register(scriptKey);
        return connections.Get(scriptName, scriptKey);
    }

    public void ApplyLogLevel(LogLevel? level) => applyLogLevel(level);
}
