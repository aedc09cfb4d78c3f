using System.Threading.Channels;
using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// One plugin's delivery lane: a bounded queue, the plugin's cursor and backlog, and the loop that hands events to
/// the plugin strictly in the order the poller queued them.
/// </summary>
/// <remarks>
/// The poller is the only producer. It asks <see cref="Wants"/> before queuing, so an event reaches the plugin once:
/// ids above the high-water mark come from the main query, ids at or below it only when they sit in the backlog and are
/// not already queued. The cursor moves only after the plugin's callbacks finished, which is what makes delivery
/// at-least-once across crashes.
/// </remarks>
internal sealed class PluginWorker
{

    private readonly Lock _gate = new();
    private readonly PluginCursor _cursor;
    private readonly Logger _log;
    private readonly int _checkpointEvery;
    private readonly StateCheckpointer? _checkpointer;
    private readonly TimeSpan _boundPatience;
    private readonly Channel<QueuedEvent> _queue;
    private readonly HashSet<int> _backlogQueued = [];
    private long _highWater;
    private int _epoch;
    private bool _suspended;
    private long _handled;
    private long _handledAtCheckpoint;
    private long _handledAtPass = -1;
    private long _stateVersion;
    private DateTimeOffset? _lastHandledCreatedAt;

    /// <summary>Creates the lane.</summary>
    /// <param name="plugin">The plugin it feeds.</param>
    /// <param name="cursor">The plugin's position and backlog.</param>
    /// <param name="queueCapacity">Events queued before the poller waits.</param>
    /// <param name="log">The engine logger.</param>
    /// <param name="checkpointEvery">Handled events the file may lag behind this lane (the crash bound).</param>
    /// <param name="checkpointer">The state writer the lane asks for checkpoints, or null for none.</param>
    /// <param name="boundPatience">How long the lane at its crash bound waits for the batch write before asking for its own
    /// (<see cref="EngineOptions.BoundPatience"/>); null for the default.</param>
    public PluginWorker(Plugin plugin, PluginCursor cursor, int queueCapacity, Logger log, int checkpointEvery = int.MaxValue,
        StateCheckpointer? checkpointer = null, TimeSpan? boundPatience = null)
    {
        _boundPatience = boundPatience ?? EngineOptions.DefaultBoundPatience;
        Plugin = plugin;
        _cursor = cursor;
        _log = log;
        _checkpointEvery = Math.Max(1, checkpointEvery);
        _checkpointer = checkpointer;
        _highWater = cursor.State.LastEventId ?? 0;
        _suspended = !plugin.IsActive;
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The plugin this lane feeds.</summary>
    public Plugin Plugin { get; }

    /// <summary>True while the plugin takes events.</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return !_suspended && Plugin.IsActive;
            }
        }
    }

    /// <summary>The first id the main query must return for this plugin.</summary>
    public long NextFetchId
    {
        get
        {
            lock (_gate)
            {
                return _highWater + 1;
            }
        }
    }

    /// <summary>Events queued and not yet handed to the plugin (its lag behind the poller).</summary>
    public int QueueLength => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>Events handled since start (for status and benchmarks).</summary>
    public long HandledCount => Interlocked.Read(ref _handled);

    /// <summary>Called by the checkpointer once a checkpoint holding the first <paramref name="handled"/> events is written.</summary>
    public void MarkCheckpoint(long handled) => Interlocked.Exchange(ref _handledAtCheckpoint, handled);

    /// <summary>Handled events the last written checkpoint holds (those a crash would not deliver again).</summary>
    public long CheckpointedCount => Interlocked.Read(ref _handledAtCheckpoint);

    /// <summary>Grows whenever the persistent state changes, so a checkpoint can tell whether it has work.</summary>
    public long StateVersion => Interlocked.Read(ref _stateVersion);

    /// <summary>The id of the last handled event, or null before the first.</summary>
    public long? LastEventId
    {
        get
        {
            lock (_cursor.State.Sync)
            {
                return _cursor.State.LastEventId;
            }
        }
    }

    /// <summary>Why the lane takes no events, or null while it does.</summary>
    public string? InactiveReason
    {
        get
        {
            lock (_gate)
            {
                return Plugin.IsActive ? (_suspended ? "stopped after an error" : null) : Plugin.InactiveReason ?? "inactive";
            }
        }
    }

    /// <summary>The site time of the last handled event, for lag reporting.</summary>
    public DateTimeOffset? LastHandledCreatedAt
    {
        get
        {
            lock (_gate)
            {
                return _lastHandledCreatedAt;
            }
        }
    }

    /// <summary>True when <paramref name="evt"/> must be queued for this plugin now.</summary>
    public bool Wants(ShotgunEvent evt)
    {
        lock (_gate)
        {
            if (_suspended || !Plugin.IsActive)
            {
                return false;
            }

            if (evt.Id > _highWater)
            {
                return true;
            }

            return IsBacklogged(evt.Id) && !_backlogQueued.Contains(evt.Id);
        }
    }

    /// <summary>Queues an event <see cref="Wants"/> accepted; waits while the queue is full.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ticket">Set on the last event of this lane's share of a batch: the lane passes it once that event is done.</param>
    /// <param name="cancellationToken">Cancelled when the daemon stops.</param>
    public ValueTask EnqueueAsync(ShotgunEvent evt, BatchTicket? ticket, CancellationToken cancellationToken)
    {
        QueuedEvent item;
        lock (_gate)
        {
            var fromBacklog = evt.Id <= _highWater;
            if (fromBacklog)
            {
                _backlogQueued.Add(evt.Id);
            }
            else
            {
                _highWater = evt.Id;
            }

            item = new QueuedEvent(evt, _epoch, fromBacklog, ticket);
        }

        ticket?.Add();
        var write = _queue.Writer.WriteAsync(item, cancellationToken);
        return write.IsCompletedSuccessfully ? default : AwaitWriteAsync(write, ticket);
    }

    /// <summary>
    /// A queue that was full, or closed: the lane's plugin file was removed while the poller handed it a batch. The
    /// event then goes with the lane (the plugin's cursor and backlog stay in the state file for its return), and its
    /// ticket is passed, or the batch's write would never be asked for. Before, the closed queue's error escaped the
    /// poll loop and stopped the polling for every plugin.
    /// </summary>
    private static async ValueTask AwaitWriteAsync(ValueTask write, BatchTicket? ticket)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ticket?.Pass();
        }
    }

    /// <summary>Runs the plugin over queued events until the queue completes or <paramref name="stopping"/> fires.</summary>
    /// <param name="stopping">Cancelled when the daemon stops; the event in hand still finishes.</param>
    /// <param name="callbackCancellation">Handed to callbacks; cancelled when the shutdown grace period ends.</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken callbackCancellation)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (!stopping.IsCancellationRequested && _queue.Reader.TryRead(out var item))
                {
                    await HandleAsync(item, callbackCancellation).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the events still queued were not handled, so the cursor has not moved past them.
        }
    }

    /// <summary>Serial mode: handle one event now, on the caller's thread of control.</summary>
    public Task HandleNowAsync(ShotgunEvent evt, CancellationToken callbackCancellation)
    {
        QueuedEvent item;
        lock (_gate)
        {
            var fromBacklog = evt.Id <= _highWater;
            if (!fromBacklog)
            {
                _highWater = evt.Id;
            }

            item = new QueuedEvent(evt, _epoch, fromBacklog);
        }

        return HandleAsync(item, callbackCancellation);
    }

    /// <summary>Marks the queue complete so <see cref="RunAsync"/> ends after the queued events.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Called when the plugin was reloaded: a plugin that had stopped starts again from its own cursor.</summary>
    public void OnPluginReloaded()
    {
        lock (_gate)
        {
            if (!_suspended || !Plugin.IsActive)
            {
                return;
            }

            _suspended = false;
            _epoch++;
            _highWater = LastEventId ?? _highWater;
            _backlogQueued.Clear();
        }

        _log.Info("Plugin {0} is active again; resuming after event {1}.", Plugin.Name, LastEventId);
    }

    /// <summary>Drops backlog entries whose time is up, logging each expired range once.</summary>
    public void ExpireBacklog()
    {
        var expired = _cursor.ExpireBacklog();

        if (expired.Count > 0)
        {
            Interlocked.Increment(ref _stateVersion);
        }

        foreach (var range in expired)
        {
            _log.Warn("Plugin {0}: event(s) {1} never appeared within the backlog timeout; giving up on them.",
                Plugin.Name, range.Ids);
        }
    }

    /// <summary>The backlog ranges still waiting for their events, minus those already queued.</summary>
    public IReadOnlyList<IdRange> PendingBacklog()
    {
        lock (_gate)
        {
            if (_suspended || !Plugin.IsActive)
            {
                return [];
            }

        }

        lock (_cursor.State.Sync)
        {
            return _cursor.State.Backlog.Ranges.Select(r => r.Ids).ToArray();
        }
    }

    private async Task HandleAsync(QueuedEvent item, CancellationToken callbackCancellation)
    {
        try
        {
            await HandleEventAsync(item, callbackCancellation).ConfigureAwait(false);
        }
        finally
        {
            if (item.Ticket is { } ticket)
            {
                // Passed whatever became of the event (a suspended lane drops it and fetches it again later): the
                // batch must not wait for it.
                _handledAtPass = HandledCount;
                ticket.Pass();
            }
        }
    }

    private async Task HandleEventAsync(QueuedEvent item, CancellationToken callbackCancellation)
    {
        var evt = item.Event;
        lock (_gate)
        {
            if (item.Epoch != _epoch || _suspended)
            {
                return;
            }
        }

        // Before the event, not after the last one: a lane exactly a batch ahead passes the marker behind it first.
        await WithinBoundAsync(callbackCancellation).ConfigureAwait(false);
        var outcome = await Plugin.ProcessAsync(evt, callbackCancellation).ConfigureAwait(false);
        if (outcome == PluginOutcome.Handled)
        {
            var handled = OnHandled(evt);
            RequestIfIntervalDue(handled);
            return;
        }

        lock (_gate)
        {
            // The failed event was not handled: the cursor stays before it, and the plugin resumes there once fixed.
            _suspended = true;
            _backlogQueued.Clear();
        }

        if (outcome == PluginOutcome.Failed)
        {
            _log.Error("Plugin {0} stopped at event {1} (stopOnError); it resumes there once its file is fixed.",
                Plugin.Name, evt.Id);
        }

        // A fixed version may have been swapped in between the failure and the suspension above; its reload
        // notice then found the lane still running and did nothing, so resume here or the lane would wait forever.
        if (Plugin.IsActive)
        {
            OnPluginReloaded();
        }
    }

    /// <summary>A consistent copy of the plugin's state.</summary>
    public PluginState Snapshot()
    {
        lock (_cursor.State.Sync)
        {
            return _cursor.State.Clone();
        }
    }

    private bool IsBacklogged(long id)
    {
        lock (_cursor.State.Sync)
        {
            return _cursor.State.Backlog.Contains(id);
        }
    }

    /// <summary>
    /// The crash bound: a lane never gets more than a batch of handled events ahead of the file, so before an event it
    /// waits while it is a batch ahead. The write for a batch is asked for once, when every lane is through it
    /// (<see cref="BatchTicket"/>), and it holds at least every lane's position at its marker. A lane less than a batch
    /// past its last marker waits for that write without asking for one, at most <see cref="EngineOptions.BoundPatience"/>: catching
    /// up, the lanes it waits for are the ones that set the pace anyway (the poller waits for the fullest queue), so the
    /// wait costs nothing and gives them the core. After that (a lane stuck in a callback or far behind), or with no
    /// batch behind it (serial mode), it asks for a write of its own.
    /// </summary>
    private Task WithinBoundAsync(CancellationToken cancellationToken)
    {
        if (_checkpointer is not { BoundsLanes: true })
        {
            return Task.CompletedTask;
        }

        var mark = Interlocked.Read(ref _handledAtCheckpoint);
        var handled = HandledCount;
        if (handled - mark < _checkpointEvery)
        {
            return Task.CompletedTask;
        }

        var atPass = _handledAtPass;
        if (mark < atPass && handled - atPass < _checkpointEvery)
        {
            return WaitForBatchWriteAsync(_checkpointer, atPass, cancellationToken);
        }

        return _checkpointer.WaitForCheckpointAsync(cancellationToken);
    }

    // Its own method: the lambda's closure would otherwise be allocated on every event, not only when a lane waits.
    private Task WaitForBatchWriteAsync(StateCheckpointer checkpointer, long atPass, CancellationToken cancellationToken) =>
        checkpointer.WaitForWriteAsync(() => CheckpointedCount >= atPass, _boundPatience, cancellationToken);

    /// <summary>With an interval (no bound), a lane a batch ahead asks once; the interval decides when it is written.</summary>
    private void RequestIfIntervalDue(long handled)
    {
        if (_checkpointer is { BoundsLanes: false } && handled - Interlocked.Read(ref _handledAtCheckpoint) == _checkpointEvery)
        {
            _checkpointer.Request();
        }
    }

    private long OnHandled(ShotgunEvent evt)
    {
        HandledOutcome outcome;
        lock (_gate)
        {
            _backlogQueued.Remove(evt.Id);
            outcome = _cursor.OnHandled(evt.Id, evt.CreatedAt);
            _lastHandledCreatedAt = evt.CreatedAt;
        }

        var handled = Interlocked.Increment(ref _handled);
        Interlocked.Increment(ref _stateVersion);

        switch (outcome.Kind)
        {
            case HandledKind.FilledFromBacklog:
                _log.Info("Plugin {0}: processed late event {1} from the backlog.", Plugin.Name, evt.Id);
                break;
            case HandledKind.GapBacklogged:
                _log.Info("Plugin {0}: event(s) {1} not visible yet; waiting for them until {2:u} (site time).",
                    Plugin.Name, outcome.Gap, outcome.Expires);
                break;
            case HandledKind.GapDropped:
                _log.Info("Plugin {0}: event(s) {1} never happened (older than the backlog timeout); ignoring.",
                    Plugin.Name, outcome.Gap);
                break;
        }

        return handled;
    }
}
