using NLog;

namespace ShotgunEvents.Api;

/// <summary>What the daemon gives a <see cref="Registrar"/>: the plugin's site connections and its log level.</summary>
internal interface IRegistrarHost
{
    /// <summary>
    /// The plugin's connection for a credential pair (null for the daemon's own): the same instance its callbacks with
    /// those credentials get, connecting on first use.
    /// </summary>
    /// <param name="scriptName">The script name, or null.</param>
    /// <param name="scriptKey">The script key, or null. A secret.</param>
    /// <returns>The connection.</returns>
    IShotgun Connection(string? scriptName, string? scriptKey);

    /// <summary>Sets the minimum level of the plugin's loggers (its own and its callbacks'); null for the daemon's level.</summary>
    /// <param name="level">The level, or null.</param>
    void ApplyLogLevel(LogLevel? level);
}
