using System.Threading.Channels;
using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Events.Checkpoints;
using ShotgunEvents.Daemon.Events.Polling;
using ShotgunEvents.Daemon.Events.Reading;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.Plugins.Running;

namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>
/// One plugin's lane: a loop that takes the poller's batches while it keeps up (<see cref="DeliveryMode.Attached"/>),
/// and, once the poller has let it go (its queue was full, it was stuck, inactive, or it started behind), reads its own
/// way forward from its own position with the same reader, page size and gap rules until it reaches the head, then
/// asks to be fed again. Memory is bounded whatever the plugin does: the poller stops queuing to a lane at
/// <c>capacity</c> events, and a lane reading on its own holds its read-ahead only.
/// </summary>
/// <remarks>
/// Owner: the lane's loop owns its <see cref="PluginDelivery"/>, its reader and its mode. Others send messages
/// (<see cref="Post"/>). A loop blocked for good in a callback cannot be stopped; when its call is abandoned (the plugin
/// was fixed, removed, or the daemon stops), the abandoned loop changes nothing more and a new loop takes over, reading
/// on its own from the event the old one was stuck on. <see cref="Consumed"/> is published for the poller.
/// </remarks>
internal sealed class PluginLane
{
    private readonly PluginDelivery _delivery;
    private readonly PollerInbox _poller;
    private readonly StateWriter _checkpoints;
    private readonly CatchUpReader _reader;
    private readonly BacklogQuery _backlog;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryWait;
    private readonly Logger _log;
    private readonly Channel<LaneMessage> _inbox = Channel.CreateUnbounded<LaneMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;
    private CancellationToken _callbacks;

    // Owned by the current loop.
    private long _readOnOwn;
    private long _detachedAt;

    // Published.
    private long _consumed;
    private int _loops;

    /// <summary>Creates the lane; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="delivery">The plugin's delivery, owned by this lane from now on.</param>
    /// <param name="poller">Where the lane asks to rejoin or leaves.</param>
    /// <param name="checkpoints">The state writer.</param>
    /// <param name="reader">The lane's own reader, for reading its way forward.</param>
    /// <param name="backlog">The lane's backlog re-query.</param>
    /// <param name="time">The clock.</param>
    /// <param name="retryWait">How long to wait after a failed read of its own (the poller reports site outages).</param>
    /// <param name="log">The engine logger.</param>
    public PluginLane(PluginDelivery delivery, PollerInbox poller, StateWriter checkpoints, CatchUpReader reader, BacklogQuery backlog,
        TimeProvider time, TimeSpan retryWait, Logger log)
    {
        _delivery = delivery;
        _poller = poller;
        _checkpoints = checkpoints;
        _reader = reader;
        _backlog = backlog;
        _time = time;
        _retryWait = retryWait;
        _log = log;
        delivery.Plugin.CallAbandoned += OnCallAbandoned;
    }

    /// <summary>The plugin's delivery.</summary>
    public PluginDelivery Delivery => _delivery;

    /// <summary>Events of batches taken off the queue, handled or dropped (the poller's measure of the lane's room).</summary>
    public long Consumed => Volatile.Read(ref _consumed);

    /// <summary>Completes when the lane has ended (stopped, or its file was removed); never for an abandoned loop.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Sends the lane a message (any thread).</summary>
    public void Post(LaneMessage message) => _inbox.Writer.TryWrite(message);

    /// <summary>Ends the lane once its queue is empty (its plugin file was removed).</summary>
    public void Complete() => _inbox.Writer.TryComplete();

    /// <summary>Starts the loop.</summary>
    /// <param name="mode">How the plugin gets events at first: fed at the head, reading its own way, or inactive.</param>
    /// <param name="stopping">Cancelled when the daemon stops: the lane ends after the event in hand.</param>
    /// <param name="callbacks">Handed to callbacks; cancelled when the stop's grace period ends.</param>
    public void Start(DeliveryMode mode, CancellationToken stopping, CancellationToken callbacks)
    {
        _stopping = stopping;
        _callbacks = callbacks;
        _delivery.SetMode(_delivery.Plugin.IsActive ? mode : DeliveryMode.Inactive, _time.GetTimestamp());
        if (_delivery.Mode == DeliveryMode.Detached)
        {
            _detachedAt = _time.GetTimestamp();
        }

        StartLoop();
    }

    private void StartLoop()
    {
        var loop = Interlocked.Increment(ref _loops);
        _ = Task.Run(() => RunAsync(loop));
    }

    private async Task RunAsync(int loop)
    {
        var abandoned = false;
        try
        {
            abandoned = !await LoopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what is still queued was not handled, so the position has not moved past it.
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The lane of plugin {0} failed: {1}. Its position is kept; it resumes there at the next start.", _delivery.Plugin.Name, ex.Message);
        }
        finally
        {
            if (!abandoned && loop == Volatile.Read(ref _loops))
            {
                _delivery.Plugin.CallAbandoned -= OnCallAbandoned;
                _ended.TrySetResult();
            }
        }
    }

    /// <summary>The loop; false when its call was abandoned (it must then touch nothing more).</summary>
    private async Task<bool> LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            _delivery.ExpireBacklog();
            if (_delivery.Mode == DeliveryMode.Detached)
            {
                // Messages first (the poller's batches sent before it let go, a reload), without waiting.
                while (_inbox.Reader.TryRead(out var pending))
                {
                    if (!await ApplyAsync(pending).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                if (_delivery.Mode == DeliveryMode.Detached && !await ReadOwnWayAsync().ConfigureAwait(false))
                {
                    return false;
                }
            }
            else
            {
                if (!await WaitForMessageAsync().ConfigureAwait(false))
                {
                    return true;
                }

                while (_inbox.Reader.TryRead(out var message))
                {
                    if (!await ApplyAsync(message).ConfigureAwait(false))
                    {
                        return false;
                    }
                }
            }

            if (!await QueryBacklogAsync().ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Waits for a message (or the backlog's next query); false once the queue is complete and empty.</summary>
    private async Task<bool> WaitForMessageAsync()
    {
        if (_delivery.Backlog.IsEmpty || _delivery.Mode == DeliveryMode.Inactive)
        {
            return await _inbox.Reader.WaitToReadAsync(_stopping).ConfigureAwait(false);
        }

        try
        {
            return await _inbox.Reader.WaitToReadAsync(_stopping).AsTask()
                .WaitAsync(_backlog.DueIn, _time, _stopping).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <summary>Acts on one message; false when a call was abandoned.</summary>
    private async ValueTask<bool> ApplyAsync(LaneMessage message)
    {
        switch (message.Kind)
        {
            case LaneMessageKind.Batch:
                return await OnBatchAsync(message).ConfigureAwait(false);
            case LaneMessageKind.Detached:
                if (_delivery.Mode == DeliveryMode.Attached)
                {
                    SetMode(DeliveryMode.Detached);
                }

                return true;
            case LaneMessageKind.Joined:
                OnJoined(message.Head);
                return true;
            case LaneMessageKind.NotYet:
                if (_delivery.Mode == DeliveryMode.Joining)
                {
                    SetMode(DeliveryMode.Detached);
                }

                return true;
            case LaneMessageKind.PluginChanged:
                OnPluginChanged();
                return true;
            default:
                return true;
        }
    }

    private async ValueTask<bool> OnBatchAsync(LaneMessage message)
    {
        var events = message.Events!;
        if (_delivery.Mode == DeliveryMode.Attached)
        {
            for (var i = 0; i < events.Count && !_stopping.IsCancellationRequested; i++)
            {
                var outcome = await _delivery.DeliverAsync(events[i], _stopping, _callbacks).ConfigureAwait(false);
                if (outcome == DeliveryOutcome.Abandoned)
                {
                    return false;
                }

                if (outcome == DeliveryOutcome.Stopped)
                {
                    BecomeInactive();
                    break;
                }
            }
        }

        // Handled or dropped (a lane let go reads these again on its own): either way the room is free again.
        Volatile.Write(ref _consumed, _consumed + events.Count);
        _checkpoints.Passed(message.Batch, _delivery.Id);
        _poller.Wake();
        return true;
    }

    private void OnJoined(long head)
    {
        if (!_delivery.Plugin.IsActive)
        {
            BecomeInactive();
            return;
        }

        if (_delivery.Mode != DeliveryMode.Joining)
        {
            return;
        }

        _reader.Dispose();
        var away = _time.GetElapsedTime(_detachedAt);
        SetMode(DeliveryMode.Attached);
        _log.Info("Plugin {0} is back at the head (event {1}) after reading {2} event(s) on its own over {3:0.#} s.",
            _delivery.Plugin.Name, Math.Max(head, _delivery.Position), _readOnOwn, away.TotalSeconds);
        _readOnOwn = 0;
    }

    private void OnPluginChanged()
    {
        if (_delivery.Plugin.IsActive)
        {
            if (_delivery.Mode == DeliveryMode.Inactive)
            {
                SetMode(DeliveryMode.Detached);
                _log.Info("Plugin {0} is active again; resuming after event {1}.", _delivery.Plugin.Name, _delivery.Position);
            }
        }
        else if (_delivery.Mode != DeliveryMode.Inactive)
        {
            BecomeInactive();
        }
    }

    /// <summary>One page of the lane's own way forward; false when a call was abandoned.</summary>
    private async Task<bool> ReadOwnWayAsync()
    {
        EventPage page;
        try
        {
            page = await _reader.NextAsync(_delivery.Position + 1, _stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ShotgunError or HttpRequestException or TimeoutException
                                   || (ex is OperationCanceledException && !_stopping.IsCancellationRequested))
        {
            // The poller reports the site's outages; the lane just tries again a little later.
            _log.Debug("Plugin {0}: reading on its own failed ({1}); trying again in {2}.", _delivery.Plugin.Name, ex.Message, _retryWait);
            await Task.Delay(_retryWait, _time, _stopping).ConfigureAwait(false);
            return true;
        }

        foreach (var evt in page.Events)
        {
            if (_stopping.IsCancellationRequested)
            {
                return true;
            }

            var outcome = await _delivery.DeliverAsync(evt, _stopping, _callbacks).ConfigureAwait(false);
            if (outcome == DeliveryOutcome.Abandoned)
            {
                return false;
            }

            if (outcome == DeliveryOutcome.Stopped)
            {
                BecomeInactive();
                return true;
            }
        }

        _readOnOwn += page.Events.Count;
        if (page.Events.Count > 0)
        {
            _checkpoints.Changed();
        }

        if (!page.More)
        {
            SetMode(DeliveryMode.Joining);
            _poller.Post(new PollerMessage(PollerMessageKind.Rejoin, this, _delivery, _delivery.Position));
        }

        return true;
    }

    /// <summary>Re-reads the plugin's missing ids when it is time; false when a call was abandoned.</summary>
    private async Task<bool> QueryBacklogAsync()
    {
        if (_delivery.Backlog.IsEmpty || _delivery.Mode == DeliveryMode.Inactive || _backlog.DueIn > TimeSpan.Zero)
        {
            return true;
        }

        IReadOnlyList<ShotgunEvent> found;
        try
        {
            found = await _backlog.FindAsync(_delivery.Backlog.Ranges.Select(r => r.Ids), _stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ShotgunError or HttpRequestException or TimeoutException
                                   || (ex is OperationCanceledException && !_stopping.IsCancellationRequested))
        {
            _log.Debug("Plugin {0}: the backlog query failed ({1}); trying again later.", _delivery.Plugin.Name, ex.Message);
            return true;
        }

        foreach (var evt in found)
        {
            var outcome = await _delivery.DeliverAsync(evt, _stopping, _callbacks).ConfigureAwait(false);
            if (outcome == DeliveryOutcome.Abandoned)
            {
                return false;
            }

            if (outcome == DeliveryOutcome.Stopped)
            {
                BecomeInactive();
                return true;
            }
        }

        if (found.Count > 0)
        {
            _checkpoints.Changed();
        }

        return true;
    }

    private void BecomeInactive()
    {
        if (_delivery.Mode == DeliveryMode.Inactive)
        {
            return;
        }

        SetMode(DeliveryMode.Inactive);
        _reader.Dispose();
        _poller.Post(new PollerMessage(PollerMessageKind.Leave, this, _delivery));
        _checkpoints.Gone(_delivery.Id);
    }

    private void SetMode(DeliveryMode mode)
    {
        var now = _time.GetTimestamp();
        if (mode == DeliveryMode.Detached && _delivery.Mode is DeliveryMode.Attached or DeliveryMode.Inactive)
        {
            _detachedAt = now;
        }

        _delivery.SetMode(mode, now);
    }

    /// <summary>
    /// The plugin's call in flight was abandoned (on the abandoner's thread). The loop that made it may be blocked in it
    /// for good and changes nothing more; unless the daemon is stopping, a new loop takes over, reading on its own from
    /// the event the old one was on (batches the poller queued meanwhile are dropped: they are read again).
    /// </summary>
    private void OnCallAbandoned(Plugin plugin, PluginCall call)
    {
        if (_stopping.IsCancellationRequested)
        {
            plugin.CallAbandoned -= OnCallAbandoned;
            _ended.TrySetResult();
            return;
        }

        _poller.Post(new PollerMessage(PollerMessageKind.Leave, this, _delivery));
        _checkpoints.Gone(_delivery.Id);
        // The new loop is the owner from here: the old one, if it ever returns from the call, sees it was abandoned.
        _delivery.SetMode(plugin.IsActive ? DeliveryMode.Detached : DeliveryMode.Inactive, _time.GetTimestamp());
        _detachedAt = _time.GetTimestamp();
        StartLoop();
    }
}
