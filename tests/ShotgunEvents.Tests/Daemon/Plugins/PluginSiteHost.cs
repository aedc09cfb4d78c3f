using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// Plugins of one fixture scenario loaded against a real site: the emulator over loopback with a daemon script and two
/// plugin scripts, real connections from a client pool (null credentials are the daemon's), captured logs.
/// </summary>
internal sealed class PluginSiteHost : IAsyncDisposable
{
    public const string DaemonScript = "daemon";
    public const string DaemonKey = "daemon-key-51a7e2";
    public const string SyncScript = "sync_bot";
    public const string SyncKey = "sync-key-c48d10";
    public const string NoisyScript = "noisy_bot";
    public const string NoisyKey = "noisy-key-9e03bb";

    private static readonly string[] EventFields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    private PluginSiteHost(EmulatorServer site, ShotgunConnectionPool pool, TempPluginDirectory directory, LogCapture logs, PluginCollection collection)
    {
        Site = site;
        Pool = pool;
        Directory = directory;
        Logs = logs;
        Collection = collection;
        Daemon = pool.Connect(ShotgunCredentials.Script(DaemonScript, DaemonKey));
        Noisy = pool.Connect(ShotgunCredentials.Script(NoisyScript, NoisyKey));
        Sync = pool.Connect(ShotgunCredentials.Script(SyncScript, SyncKey));
    }

    public EmulatorServer Site { get; }

    public ShotgunConnectionPool Pool { get; }

    public TempPluginDirectory Directory { get; }

    public LogCapture Logs { get; }

    public PluginCollection Collection { get; }

    /// <summary>The daemon's own script: what a callback registered without credentials writes as.</summary>
    public ShotgunClient Daemon { get; }

    /// <summary>A script no plugin uses.</summary>
    public ShotgunClient Noisy { get; }

    /// <summary>The script the plugins' callbacks register with.</summary>
    public ShotgunClient Sync { get; }

    public Plugin this[string name] => Collection.Plugins.Single(p => p.Name == name);

    /// <summary>
    /// Starts the site, runs <paramref name="seed"/> (as the daemon's script) and copies the fixtures; the plugins load
    /// with <see cref="LoadAsync"/>.
    /// </summary>
    public static async Task<PluginSiteHost> StartAsync(string scenario, string[] fixtures, Action<PluginHostOptions>? configure = null,
        Dictionary<string, string>? settings = null, LogLevel? capturedFrom = null, Func<ShotgunClient, Task>? seed = null)
    {
        var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Scripts =
            [
                new ScriptCredential(DaemonScript, DaemonKey), new ScriptCredential(SyncScript, SyncKey), new ScriptCredential(NoisyScript, NoisyKey),
            ],
        });
        var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = site.BaseUri.ToString(), MaxRetries = 0 });
        if (seed is not null)
        {
            using var seeder = pool.Connect(ShotgunCredentials.Script(DaemonScript, DaemonKey));
            await seed(seeder);
        }

        var directory = new TempPluginDirectory();
        foreach (var fixture in fixtures)
        {
            directory.Copy(scenario, fixture);
        }

        var logs = new LogCapture(capturedFrom);
        var options = new PluginHostOptions
        {
            LogFactory = logs.Factory,
            DaemonScriptName = DaemonScript,
            DaemonLogLevel = capturedFrom ?? LogLevel.Trace,
            Settings = settings ?? [],
        };
        configure?.Invoke(options);
        var connections = new PoolConnectionFactory(pool, ShotgunCredentials.Script(DaemonScript, DaemonKey));
        var collection = new PluginCollection(directory.Plugins, options, new PluginCompiler(null, logs.Factory), connections, TimeProvider.System);
        return new PluginSiteHost(site, pool, directory, logs, collection);
    }

    public Task LoadAsync() => Collection.LoadAsync(CancellationToken.None);

    /// <summary>The events after <paramref name="id"/>, in order, read as the engine reads them.</summary>
    public Task<IReadOnlyList<ShotgunEvent>> EventsAfterAsync(long id) =>
        Daemon.ReadEventsAsync(Filter.GreaterThan("id", id), EventFields, new FindOptions { Order = [SortOrder.Asc("id")] }, CancellationToken.None);

    /// <summary>Hands every event after <paramref name="id"/> to the plugin, in order; returns each outcome.</summary>
    public async Task<IReadOnlyList<PluginOutcome>> ProcessAfterAsync(string plugin, long id)
    {
        var outcomes = new List<PluginOutcome>();
        foreach (var evt in await EventsAfterAsync(id))
        {
            outcomes.Add(await this[plugin].ProcessAsync(evt, CancellationToken.None));
        }

        return outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        await Collection.DisposeAsync();
        Daemon.Dispose();
        Noisy.Dispose();
        Sync.Dispose();
        Pool.Dispose();
        await Site.DisposeAsync();
        Logs.Dispose();
        Directory.Dispose();
    }
}
