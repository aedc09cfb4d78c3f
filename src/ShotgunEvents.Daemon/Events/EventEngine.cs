using NLog;
using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.Events.Checkpoints;
using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Daemon.Events.Polling;
using ShotgunEvents.Daemon.Events.Reading;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// Puts the engine together and runs its life: loads the state and the plugin collections, gives every plugin a
/// delivery at its own position (and, per plugin, a lane), runs the poller and the state writer, and stops: the events
/// in hand finish within <c>shutdown_timeout</c>, callbacks still running are abandoned and named, the state is written.
/// It counts nothing and decides nothing about delivery itself (see the README's architecture section).
/// </summary>
/// <remarks>
/// Concurrency: <see cref="RunAsync"/> runs once; plugins added, removed or reloaded at run time arrive on the
/// collections' scan threads and are passed on as messages (to the poller's inbox and the lanes) or through the
/// <see cref="DeliveryRegistry"/>, which has its own lock.
/// </remarks>
internal sealed class EventEngine
{
    private readonly EngineOptions _options;
    private readonly CountingEventLog _log;
    private readonly IReadOnlyList<CollectionBinding> _collections;
    private readonly TimeProvider _time;
    private readonly SiteClock _clock;
    private readonly Logger _engineLog;
    private readonly ReadWindow _window;
    private readonly PollerInbox _inbox = new();
    private readonly Dictionary<PluginDelivery, PluginLane> _lanes = [];
    private readonly Lock _lanesGate = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DaemonState _state = new();
    private StateWriter? _writer;
    private EventPoller? _poller;
    private DeliveryContext? _context;
    private CancellationToken _stopping;
    private CancellationToken _callbacks;
    private int _nextId;

    /// <summary>Creates the engine; nothing starts until <see cref="RunAsync"/>.</summary>
    /// <param name="options">The engine's options (validated here).</param>
    /// <param name="log">The site's event log.</param>
    /// <param name="collections">The plugin collections, in configuration order.</param>
    /// <param name="time">The clock.</param>
    public EventEngine(EngineOptions options, IEventLogReader log, IReadOnlyList<CollectionBinding> collections, TimeProvider time)
    {
        _options = options.Validate();
        _log = new CountingEventLog(log);
        _collections = collections;
        _time = time;
        _clock = new SiteClock(time);
        _engineLog = options.LogFactory.GetLogger(LoggerNames.Engine);
        _window = new ReadWindow(options.MaxParallelReads, time);
        Registry = new DeliveryRegistry(d => IndexOf(d.Plugin));
        _log.Throttled += OnThrottled;
    }

    /// <summary>Every plugin's delivery, in upstream order.</summary>
    public DeliveryRegistry Registry { get; }

    /// <summary>The poller, once the engine started (null before).</summary>
    public EventPoller? Poller => Volatile.Read(ref _poller);

    /// <summary>The state writer, once the state is loaded (null before).</summary>
    public StateWriter? Writer => Volatile.Read(ref _writer);

    /// <summary>How many reads each reader may have in flight now (halved by a site under pressure, grown back by successes).</summary>
    public int ReadWindowSize => _window.Size;

    /// <summary>Events read from the site by every reader (metrics).</summary>
    public long EventsRead => _log.EventsRead;

    /// <summary>Completes once every plugin has its delivery and the poller is about to start.</summary>
    public Task Started => _started.Task;

    /// <summary>How the stop went: null until the engine stopped.</summary>
    public StateWriteResult? StopResult { get; private set; }

    /// <summary>Raised after every pass of the poll loop, the site answering or not (the systemd watchdog's ping). Must be quick and must not throw.</summary>
    public event Action? Polled;

    /// <summary>The plugins whose first load has not finished (readiness while starting).</summary>
    public IReadOnlyList<string> LoadingPlugins() =>
        [.. _collections.SelectMany(c => c.Collection.Plugins).Where(p => p.IsLoading).Select(p => p.Name)];

    /// <summary>Ends the poller's wait between polls early (the webhook's doorbell).</summary>
    public void Wake() => _inbox.Wake();

    /// <summary>
    /// Runs until <paramref name="stopping"/> fires, then stops: each plugin finishes the event in hand within
    /// <c>shutdown_timeout</c>, callbacks still running then are abandoned (named in a WARNING), and the state is written
    /// with every plugin at its last handled event (<see cref="StopResult"/> says whether that worked).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var callbackCancellation = new CancellationTokenSource();
        _stopping = stopping;
        _callbacks = callbackCancellation.Token;

        var file = new StateFile(_options.StateFilePath);
        var loaded = file.Load();
        _state = loaded ?? new DaemonState();
        var coordinator = new CheckpointCoordinator(_time, _options.CheckpointInterval, _options.BoundPatience);
        var writer = new StateWriter(file, _state, Registry, coordinator,
            deliveries => StatusReport.Build(deliveries, Poller?.SiteHead, _options.SiteUri, _time), _time, _engineLog);
        Volatile.Write(ref _writer, writer);
        _context = new DeliveryContext(_options.BacklogTimeout, _clock, writer, coordinator.BoundsPlugins ? _options.MaxEventBatchSize : null, _engineLog);

        foreach (var (collection, _) in _collections)
        {
            await collection.LoadAsync(stopping).ConfigureAwait(false);
        }

        long? initial = null;
        foreach (var (collection, stateKey) in _collections)
        {
            foreach (var plugin in collection.Plugins)
            {
                var resolution = Resolve(stateKey, plugin);
                if (resolution.State.LastEventId is null)
                {
                    initial ??= await InitialPositionAsync(stopping).ConfigureAwait(false);
                    _state.Set(stateKey, plugin.Name, new PluginState(initial, resolution.State.Backlog));
                }

                Registry.Add(NewDelivery(plugin, stateKey));
            }

            collection.PluginAdded += plugin => _ = OnPluginAddedAsync(plugin, stateKey);
            collection.PluginRemoved += OnPluginRemoved;
            collection.PluginReloaded += OnPluginReloaded;
        }

        var startWrite = writer.SaveNow();
        if (!startWrite.Written)
        {
            _engineLog.Error("The state file {0} cannot be written at start ({1}); the daemon runs, reports itself not ready, and keeps trying.",
                file.Path, startWrite.Error);
        }

        writer.Start();
        var poller = StartDelivery();
        poller.Polled += () => Polled?.Invoke();
        Volatile.Write(ref _poller, poller);
        foreach (var (collection, _) in _collections)
        {
            collection.StartWatching();
        }

        _engineLog.Info("Watching {0} plugin(s) in {1} collection(s); {2}.", Registry.Current.Count, _collections.Count,
            loaded is null ? $"first start, beginning after event {initial}" : $"resuming from {file.Path}");
        _started.TrySetResult();

        var polling = Task.Run(() => poller.RunAsync(stopping), CancellationToken.None);
        try
        {
            await polling.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The stop: below.
        }

        await StopAsync(polling, callbackCancellation).ConfigureAwait(false);
        poller.Dispose();
        var result = await writer.StopAsync().ConfigureAwait(false);
        StopResult = result;
        if (result.Written)
        {
            _engineLog.Info("Stopped; state written to {0}.", file.Path);
        }
        else
        {
            _engineLog.Error("Stopped, but the state was NOT written to {0}: {1}. The file still holds the last position written; the next " +
                "start delivers again every event since then.", file.Path, result.Error);
        }
    }

    /// <summary>Reloads every plugin now (SIGHUP).</summary>
    public async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (collection, _) in _collections)
        {
            await collection.ReloadAllAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The dispatcher, the lanes and the poller, as the concurrency mode says.</summary>
    private EventPoller StartDelivery()
    {
        var headReader = new CatchUpReader(_log, _options.MaxEventBatchSize, _window, _time);
        var deliveries = Registry.Current;
        IDispatcher dispatcher;
        if (_options.Serial)
        {
            foreach (var delivery in deliveries)
            {
                delivery.SetMode(delivery.Plugin.IsActive ? DeliveryMode.Serial : DeliveryMode.Inactive, _time.GetTimestamp());
            }

            dispatcher = new SerialDispatcher(Registry, _writer!, new BacklogQuery(_log, _options.FetchInterval, _time), _callbacks, _time);
        }
        else
        {
            // Plugins within a batch of the furthest start at the head together (one shared read); those further behind
            // read their own way forward, so a plugin left far behind does not make the others read it all again.
            var active = deliveries.Where(d => d.Plugin.IsActive).ToArray();
            var furthest = deliveries.Count == 0 ? 0 : deliveries.Max(d => d.Position);
            var together = active.Where(d => d.Position >= furthest - _options.MaxEventBatchSize).ToArray();
            var head = together.Length > 0 ? together.Min(d => d.Position) : furthest;
            var attached = new List<PluginLane>();
            foreach (var delivery in deliveries)
            {
                var lane = NewLane(delivery);
                var mode = together.Contains(delivery) ? DeliveryMode.Attached : DeliveryMode.Detached;
                if (mode == DeliveryMode.Attached)
                {
                    attached.Add(lane);
                }

                lane.Start(mode, _stopping, _callbacks);
            }

            dispatcher = new LaneDispatcher(_writer!, _options.MaxEventBatchSize, _options.LaneQueueBatches * _options.MaxEventBatchSize, head,
                attached, _time, _engineLog);
        }

        return new EventPoller(_log, headReader, dispatcher, _inbox, _clock, _options.FetchInterval, _options.MaxOutageBackoff, _time, _engineLog);
    }

    private PluginLane NewLane(PluginDelivery delivery)
    {
        var lane = new PluginLane(delivery, _inbox, _writer!, new CatchUpReader(_log, _options.MaxEventBatchSize, _window, _time),
            new BacklogQuery(_log, _options.FetchInterval, _time), _time, _options.FetchInterval, _engineLog);
        lock (_lanesGate)
        {
            _lanes[delivery] = lane;
        }

        return lane;
    }

    private PluginDelivery NewDelivery(Plugin plugin, string stateKey) =>
        new(Interlocked.Increment(ref _nextId), plugin, stateKey, _state.Find(stateKey, plugin.Name) ?? PluginState.Fresh, _context!);

    private PluginStateResolution Resolve(string stateKey, Plugin plugin)
    {
        var resolution = _state.Resolve(stateKey, plugin.Name);
        if (resolution.Origin != StateOrigin.Resumed)
        {
            _engineLog.Info("Plugin {0} has no saved position of its own ({1}); it starts after event {2}.",
                plugin.Name, resolution.Origin, resolution.State.LastEventId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the start position");
        }

        return resolution;
    }

    /// <summary>Where a plugin with no state anywhere starts: <c>start_from</c>, else after the newest event.</summary>
    private async Task<long> InitialPositionAsync(CancellationToken stopping)
    {
        if (_options.StartFrom is { } startFrom)
        {
            return Math.Max(0, startFrom - 1);
        }

        var outage = new OutageTracker(_time, _options.MaxOutageBackoff, _engineLog);
        while (true)
        {
            try
            {
                var latest = await _log.LatestAsync(stopping).ConfigureAwait(false);
                outage.Succeeded();
                return latest?.Id ?? 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await Task.Delay(outage.Failed(ex), _time, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task OnPluginAddedAsync(Plugin plugin, string stateKey)
    {
        try
        {
            var resolution = Resolve(stateKey, plugin);
            if (resolution.State.LastEventId is null)
            {
                // Nothing saved anywhere to go by: start where the others are, or as a first start would.
                var current = Registry.Current;
                var position = current.Count > 0 ? current.Max(d => d.Progress.State.LastEventId ?? 0) : await InitialPositionAsync(_stopping).ConfigureAwait(false);
                _state.Set(stateKey, plugin.Name, new PluginState(position));
            }

            var delivery = NewDelivery(plugin, stateKey);
            if (_options.Serial)
            {
                Registry.Add(delivery);
                _inbox.Post(new PollerMessage(PollerMessageKind.Added, Delivery: delivery));
            }
            else
            {
                var lane = NewLane(delivery);
                Registry.Add(delivery);
                lane.Start(DeliveryMode.Detached, _stopping, _callbacks);
            }

            _inbox.Wake();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping while the plugin was being placed: it gets its delivery on the next start.
        }
        catch (Exception ex)
        {
            _engineLog.Error(ex, "Could not start plugin {0}: {1}", plugin.Name, ex.Message);
        }
    }

    private void OnPluginRemoved(Plugin plugin)
    {
        var delivery = Registry.Current.FirstOrDefault(d => ReferenceEquals(d.Plugin, plugin));
        if (delivery is null || !Registry.Remove(delivery))
        {
            return;
        }

        // Its entry stays in the file at its last position, so a plugin file that comes back resumes there.
        _state.Set(delivery.StateKey, plugin.Name, delivery.Progress.State);
        _writer?.Gone(delivery.Id);
        _writer?.Changed();
        _inbox.Post(new PollerMessage(PollerMessageKind.Removed, Delivery: delivery));
        PluginLane? lane;
        lock (_lanesGate)
        {
            // A daemon runs for months while plugin files come and go: the lane is forgotten here and ends on its own.
            _lanes.Remove(delivery, out lane);
        }

        lane?.Complete();
    }

    private void OnPluginReloaded(Plugin plugin)
    {
        foreach (var delivery in Registry.Current.Where(d => ReferenceEquals(d.Plugin, plugin)))
        {
            LaneOf(delivery)?.Post(new LaneMessage(LaneMessageKind.PluginChanged));
            if (_options.Serial)
            {
                delivery.SetMode(plugin.IsActive ? DeliveryMode.Serial : DeliveryMode.Inactive, _time.GetTimestamp());
            }
        }

        _inbox.Wake();
    }

    private PluginLane? LaneOf(PluginDelivery delivery)
    {
        lock (_lanesGate)
        {
            return _lanes.GetValueOrDefault(delivery);
        }
    }

    /// <summary>
    /// The stop: the poller and the lanes finish the event in hand within the grace period; callbacks then get their
    /// token cancelled and a moment to honour it; any still running are abandoned (.NET cannot stop them) and named.
    /// </summary>
    private async Task StopAsync(Task polling, CancellationTokenSource callbackCancellation)
    {
        PluginLane[] lanes;
        lock (_lanesGate)
        {
            lanes = [.. _lanes.Values];
        }

        var running = Task.WhenAll(lanes.Select(l => l.Ended).Append(polling));
        if (await FinishesWithinAsync(running, _options.ShutdownTimeout).ConfigureAwait(false))
        {
            return;
        }

        _engineLog.Warn("Plugins still busy {0:0.#} s after the stop (shutdown_timeout); cancelling their callbacks.", _options.ShutdownTimeout.TotalSeconds);
        await callbackCancellation.CancelAsync().ConfigureAwait(false);
        if (await FinishesWithinAsync(running, _options.CancellationGrace).ConfigureAwait(false))
        {
            return;
        }

        var abandoned = Registry.Current
            .Select(d => d.Plugin.AbandonCall("the daemon is stopping") is { } call ? $"{d.Plugin.Name}.{call.Callback ?? "?"} on event {call.EventId}" : null)
            .OfType<string>()
            .ToArray();
        _engineLog.Warn("Stopping without {0} callback(s) still running after shutdown_timeout + {1:0.#} s: {2}. Their events are not marked handled " +
            "and are delivered again at the next start; their threads are left behind until the process exits.",
            abandoned.Length, _options.CancellationGrace.TotalSeconds, abandoned.Length > 0 ? string.Join(", ", abandoned) : "(none in a callback)");
    }

    private async Task<bool> FinishesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
#pragma warning disable CA1031 // A lane or the poller that failed has logged it; the stop goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
            return task.IsCompleted;
        }
    }

    private void OnThrottled(TimeSpan? retryAfter)
    {
        _window.Throttled(retryAfter);
        _engineLog.Info("The site answered a read with HTTP 429 or 5xx{0}: at most {1} read(s) in flight now.",
            retryAfter is { } wait ? $" (Retry-After {wait.TotalSeconds:0.###} s)" : string.Empty, _window.Size);
    }

    private int IndexOf(Plugin plugin)
    {
        for (var i = 0; i < _collections.Count; i++)
        {
            if (_collections[i].Collection.Directory == plugin.CollectionDirectory)
            {
                return i;
            }
        }

        return _collections.Count;
    }
}
