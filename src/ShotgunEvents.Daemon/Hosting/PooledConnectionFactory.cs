using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// Callback connections over the daemon's one connection pool: a plugin's own script credentials when it registered
/// them, the daemon's otherwise; wrapped so writes are only logged under <c>--dry-run</c>.
/// </summary>
internal sealed class PooledConnectionFactory(ShotgunConnectionPool pool, ShotgunCredentials daemonCredentials, Action<string>? dryRunSink)
    : ICallbackConnectionFactory
{
    public IShotgun Create(string? scriptName, string? scriptKey)
    {
        var credentials = string.IsNullOrEmpty(scriptName)
            ? daemonCredentials
            : ShotgunCredentials.Script(scriptName, scriptKey ?? string.Empty);
        IShotgun connection = pool.Connect(credentials);
        return dryRunSink is null ? connection : new DryRunShotgun(connection, dryRunSink);
    }
}
