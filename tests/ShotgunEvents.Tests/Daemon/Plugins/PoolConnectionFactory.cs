using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>Real connections from a client pool, as the daemon makes them: null credentials mean the daemon's own.</summary>
internal sealed class PoolConnectionFactory(ShotgunConnectionPool pool, ShotgunCredentials daemon) : ICallbackConnectionFactory
{
    public IShotgun Create(string? scriptName, string? scriptKey) =>
        pool.Connect(scriptName is null || scriptKey is null ? daemon : ShotgunCredentials.Script(scriptName, scriptKey));
}
