using NLog;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// The daemon's heart: loads the state and the plugin collections, gives every plugin a lane at its own position,
/// runs the poller, checkpoints, and stops gracefully (the events in hand finish, the state is written).
/// </summary>
internal sealed class EventEngine
{
    private readonly EngineOptions _options;
    private readonly SiteEventSource _source;
    private readonly IReadOnlyList<EngineCollection> _collections;
    private readonly TimeProvider _timeProvider;
    private readonly SiteClock _siteClock;
    private readonly Logger _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<PluginWorker, Task> _running = [];
    private IReadOnlyList<PluginWorker> _workers = [];
    private DaemonState _state = new();
    private StateCheckpointer? _checkpointer;
    private CancellationToken _stopping;
    private CancellationToken _callbackCancellation;

    public EventEngine(EngineOptions options, SiteEventSource source, IReadOnlyList<EngineCollection> collections, TimeProvider timeProvider)
    {
        _options = options;
        _source = source;
        _collections = collections;
        _timeProvider = timeProvider;
        _siteClock = new SiteClock(timeProvider);
        _log = options.LogFactory.GetLogger(LoggerNames.Engine);
        Poller = new EventPoller(source, options, () => Workers, _siteClock, timeProvider);
    }

    /// <summary>The poller (exposed for status and benchmarks).</summary>
    public EventPoller Poller { get; }

    /// <summary>The state writer, once the state is loaded (exposed for tests and benchmarks: its write count).</summary>
    public StateCheckpointer? Checkpointer => _checkpointer;

    /// <summary>Every plugin lane, in upstream order: collections as configured, plugins by file name.</summary>
    public IReadOnlyList<PluginWorker> Workers => Volatile.Read(ref _workers);

    /// <summary>Set once every plugin has its lane and the poller is about to start.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Runs until <paramref name="stopping"/> fires, then stops gracefully: each plugin finishes the event in hand
    /// (bounded by the shutdown timeout), the state is written.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var callbackCts = new CancellationTokenSource();
        using var stopped = new CancellationTokenSource();
        _stopping = stopping;
        _callbackCancellation = callbackCts.Token;
        // The grace period starts with the stop, whatever is waiting for whom: in serial mode the poller itself is
        // inside the callback, so nothing after the poller could ever cancel it.
        using var grace = stopping.Register(() => _ = CancelCallbacksAfterGraceAsync(callbackCts, stopped.Token));

        var stateFile = new StateFile(_options.StateFilePath);
        var loaded = stateFile.Load();
        var firstStart = loaded is null;
        _state = loaded ?? new DaemonState();
        _checkpointer = new StateCheckpointer(stateFile, _state, _options.CheckpointInterval, _options.SiteUri, _timeProvider, _log, () => Workers,
            () => Poller.OpenBatches == 0);

        foreach (var (collection, _) in _collections)
        {
            await collection.LoadAsync(stopping).ConfigureAwait(false);
        }

        long? initial = null;
        var workers = new List<PluginWorker>();
        foreach (var (collection, stateKey) in _collections)
        {
            foreach (var plugin in collection.Plugins)
            {
                var resolution = _state.Resolve(stateKey, plugin.Name);
                // Fresh, or saved without a position (written while a plugin added at run time was being placed).
                if (resolution.State.LastEventId is null)
                {
                    initial ??= await InitialPositionAsync(stopping).ConfigureAwait(false);
                    resolution.State.LastEventId = initial;
                }

                workers.Add(CreateWorker(plugin, resolution));
            }

            collection.PluginAdded += plugin => _ = OnPluginAddedAsync(plugin, stateKey);
            collection.PluginRemoved += OnPluginRemoved;
            collection.PluginReloaded += OnPluginReloaded;
        }

        Volatile.Write(ref _workers, workers);
        _checkpointer.SaveNow();
        _checkpointer.Start();
        Poller.CycleCompleted += _checkpointer.RequestWhenIdle;
        Poller.BatchDrained += _checkpointer.Request;

        foreach (var worker in workers)
        {
            StartLane(worker);
        }

        foreach (var (collection, _) in _collections)
        {
            collection.StartWatching();
        }

        _log.Info("Watching {0} plugin(s) in {1} collection(s); {2}.", workers.Count, _collections.Count,
            firstStart ? $"first start, beginning after event {initial}" : $"resuming from {stateFile.Path}");
        Started.TrySetResult();

        try
        {
            await Poller.RunAsync(stopping, _callbackCancellation).ConfigureAwait(false);
            await StopLanesAsync().ConfigureAwait(false);
            await stopped.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            // After the lanes: one waiting for a checkpoint at its bound is served by the writer until here.
            await _checkpointer.StopAsync().ConfigureAwait(false);
        }

        _log.Info("Stopped; state written to {0}.", _options.StateFilePath);
    }

    /// <summary>Reloads every plugin now (SIGHUP).</summary>
    public async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (collection, _) in _collections)
        {
            await collection.ReloadAllAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where a plugin with no state anywhere starts: <c>start_from</c>, else after the newest event.</summary>
    private async Task<long> InitialPositionAsync(CancellationToken stopping)
    {
        if (_options.StartFrom is { } startFrom)
        {
            return Math.Max(0, startFrom - 1);
        }

        var outage = new OutageTracker(_timeProvider, _options.MaxOutageBackoff, _log);
        while (true)
        {
            try
            {
                var latest = await _source.LatestIdAsync(stopping).ConfigureAwait(false);
                outage.Succeeded();
                return latest;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await Task.Delay(outage.Failed(ex), _timeProvider, stopping).ConfigureAwait(false);
            }
        }
    }

    private PluginWorker CreateWorker(Plugin plugin, PluginStateResolution resolution)
    {
        if (resolution.Origin != StateOrigin.Resumed)
        {
            _log.Info("Plugin {0} has no saved position of its own ({1}); it starts after event {2}.",
                plugin.Name, resolution.Origin, resolution.State.LastEventId);
        }

        var cursor = new PluginCursor(resolution.State, _options.BacklogTimeout, _siteClock);
        // Not gated on what the poller does: whenever a lane is a batch ahead of the file it waits for a checkpoint,
        // or a crash could repeat more than a batch to it (the poller can be inside a cycle for as long as a read
        // takes). The write itself is asked for once per batch, when the last lane is through it.
        return new PluginWorker(plugin, cursor, _options.QueueCapacity, _log, _options.MaxEventBatchSize, _checkpointer, _options.BoundPatience);
    }

    private void StartLane(PluginWorker worker)
    {
        if (_options.Serial)
        {
            return;
        }

        lock (_gate)
        {
            _running[worker] = Task.Run(() => worker.RunAsync(_stopping, _callbackCancellation));
        }
    }

    private async Task OnPluginAddedAsync(Plugin plugin, string stateKey)
    {
        try
        {
            await AddLaneAsync(plugin, stateKey).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping while the plugin was being placed: it gets its lane on the next start.
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Could not start plugin {0}: {1}", plugin.Name, ex.Message);
        }
    }

    private async Task AddLaneAsync(Plugin plugin, string stateKey)
    {
        var resolution = _state.Resolve(stateKey, plugin.Name);
        if (resolution.State.LastEventId is null)
        {
            // Nothing saved anywhere to go by: start where the poller is now; with no lane at all, the poller has no
            // position either (it reads nothing without plugins), so place it as a first start would, not at event 0.
            var lanes = Workers;
            resolution.State.LastEventId = lanes.Count > 0
                ? lanes.Max(w => w.NextFetchId - 1)
                : await InitialPositionAsync(_stopping).ConfigureAwait(false);
        }

        var worker = CreateWorker(plugin, resolution);
        lock (_gate)
        {
            var next = Workers.Append(worker).ToList();
            next.Sort(CompareLanes);
            Volatile.Write(ref _workers, next);
        }

        StartLane(worker);
        Poller.Wake();
    }

    private void OnPluginRemoved(Plugin plugin)
    {
        PluginWorker? removed;
        lock (_gate)
        {
            removed = Workers.FirstOrDefault(w => ReferenceEquals(w.Plugin, plugin));
            if (removed is null)
            {
                return;
            }

            Volatile.Write(ref _workers, Workers.Where(w => !ReferenceEquals(w, removed)).ToList());
        }

        removed.Complete();
    }

    private void OnPluginReloaded(Plugin plugin)
    {
        foreach (var worker in Workers.Where(w => ReferenceEquals(w.Plugin, plugin)))
        {
            worker.OnPluginReloaded();
        }

        Poller.Wake();
    }

    private int CompareLanes(PluginWorker a, PluginWorker b)
    {
        var byCollection = IndexOf(a.Plugin).CompareTo(IndexOf(b.Plugin));
        return byCollection != 0 ? byCollection : string.CompareOrdinal(a.Plugin.Name, b.Plugin.Name);

        int IndexOf(Plugin p) => _collections.ToList().FindIndex(c => c.Collection.Directory == p.CollectionDirectory);
    }

    private async Task StopLanesAsync()
    {
        Task[] lanes;
        lock (_gate)
        {
            lanes = [.. _running.Values];
        }

        foreach (var worker in Workers)
        {
            worker.Complete();
        }

        // Callbacks still running when the grace period ends are cancelled (CancelCallbacksAfterGraceAsync); one that
        // ignores its token is abandoned a little later, and its event stays unhandled.
        var all = Task.WhenAll(lanes);
        await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout + TimeSpan.FromSeconds(5), _timeProvider)).ConfigureAwait(false);
    }

    private async Task CancelCallbacksAfterGraceAsync(CancellationTokenSource callbackCts, CancellationToken stopped)
    {
        try
        {
            await Task.Delay(_options.ShutdownTimeout, _timeProvider, stopped).ConfigureAwait(false);
            _log.Warn("Plugins still busy {0:0.#} s after the stop; cancelling their callbacks.", _options.ShutdownTimeout.TotalSeconds);
            await callbackCts.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Everything stopped within the grace period.
        }
        catch (ObjectDisposedException)
        {
            // The engine finished just as the grace period ended.
        }
    }
}
