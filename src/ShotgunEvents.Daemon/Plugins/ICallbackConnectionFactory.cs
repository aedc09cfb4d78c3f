using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>Makes the site connection a callback uses. The plugin host calls it lazily, once per credential pair per plugin.</summary>
internal interface ICallbackConnectionFactory
{
    /// <summary>A new connection.</summary>
    /// <param name="scriptName">The script name a plugin registered; null for the daemon's own credentials.</param>
    /// <param name="scriptKey">The script key; null for the daemon's own credentials. A secret.</param>
    /// <returns>The connection.</returns>
    IShotgun Create(string? scriptName, string? scriptKey);
}
