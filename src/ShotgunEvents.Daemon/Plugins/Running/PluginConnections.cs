using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Running;

/// <summary>
/// A plugin's site connections: one per credential pair its callbacks registered, created on first use and kept
/// across reloads (a reload is no reason to reconnect), disposed with the plugin.
/// </summary>
internal sealed class PluginConnections(ICallbackConnectionFactory factory) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string?, string?), IShotgun> _connections = [];

    /// <summary>How many real connections have been created so far.</summary>
    public int CreatedCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Values.Count(c => LazyShotgunProxy.Of(c)?.Inner is not null);
            }
        }
    }

    /// <summary>The connection for a credential pair (null for the daemon's own).</summary>
    public IShotgun Get(string? scriptName, string? scriptKey)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue((scriptName, scriptKey), out var connection))
            {
                connection = CreateLazy(scriptName, scriptKey);
                _connections[(scriptName, scriptKey)] = connection;
            }

            return connection;
        }
    }

    // Its own method: a lambda in Get would allocate its closure on every call (once per callback run), not only here.
    private IShotgun CreateLazy(string? scriptName, string? scriptKey) => LazyShotgunProxy.Create(() => factory.Create(scriptName, scriptKey));

    public async ValueTask DisposeAsync()
    {
        IShotgun?[] created;
        lock (_gate)
        {
            created = [.. _connections.Values.Select(c => LazyShotgunProxy.Of(c)?.Inner)];
            _connections.Clear();
        }

        foreach (var connection in created)
        {
            switch (connection)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
