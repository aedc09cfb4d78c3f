using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>An <see cref="EventEngine"/> running in the background over real plugin collections; stop = cancel and await.</summary>
internal sealed class RunningEngine : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<PluginCollection> _collections;
    private bool _stopped;

    private RunningEngine(EventEngine engine, IReadOnlyList<PluginCollection> collections)
    {
        Engine = engine;
        _collections = collections;
    }

    public EventEngine Engine { get; }

    /// <summary>The engine's run; completes after a stop, or faults when the engine could not start.</summary>
    public Task Run { get; private set; } = Task.CompletedTask;

    public static async Task<RunningEngine> StartAsync(EngineHarness harness, EngineOptions options, PluginHostOptions hostOptions,
        IReadOnlyList<(string Directory, string StateKey)> collections)
    {
        var compiler = new PluginCompiler(hostOptions.CacheDirectory, hostOptions.LogFactory);
        var connections = new PooledConnectionFactory(harness.Pool, harness.Credentials, null);
        var engineCollections = collections
            .Select(c => new CollectionBinding(new PluginCollection(c.Directory, hostOptions, compiler, connections, TimeProvider.System), c.StateKey))
            .ToArray();
        var log = new ClientEventLogReader(harness.Pool.Connect(harness.Credentials));
        var engine = new EventEngine(options, log, engineCollections, TimeProvider.System);
        var running = new RunningEngine(engine, [.. engineCollections.Select(c => c.Collection)]);
        running.Run = Task.Run(() => engine.RunAsync(running._stop.Token));
        var started = await Task.WhenAny(engine.Started, running.Run).WaitAsync(TimeSpan.FromSeconds(60));
        if (started == running.Run)
        {
            running._stopped = true;
            foreach (var collection in running._collections)
            {
                await collection.DisposeAsync();
            }

            await running.Run; // Throws what stopped the engine from starting.
            throw new InvalidOperationException("The engine returned before it started.");
        }

        return running;
    }

    /// <summary>The delivery of the plugin called <paramref name="name"/>.</summary>
    public LaneView Worker(string name) => new(Engine.Registry.Current.Single(d => d.Plugin.Name == name));

    public bool HasWorker(string name) => Engine.Registry.Current.Any(d => d.Plugin.Name == name);

    /// <summary>Every plugin's delivery now.</summary>
    public IReadOnlyList<LaneView> Workers => [.. Engine.Registry.Current.Select(d => new LaneView(d))];

    /// <summary>The poller (the engine has started).</summary>
    public ShotgunEvents.Daemon.Events.Polling.EventPoller Poller => Engine.Poller!;

    /// <summary>Graceful stop: cancels, waits for the engine to finish its events in hand and write the state.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (var collection in _collections)
            {
                // Bounded: unloading waits for a plugin's event in flight, which an engine that failed to stop still has.
                await collection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception)
        {
            // A test that expected the engine to fail has already observed it.
        }

        _stop.Dispose();
    }
}
