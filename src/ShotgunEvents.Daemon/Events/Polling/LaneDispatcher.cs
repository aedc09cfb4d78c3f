using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Events.Checkpoints;
using ShotgunEvents.Daemon.Events.Lanes;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>
/// <c>plugin_concurrency = per_plugin</c>: the poller feeds the lanes at the head and never waits for a slow or stuck
/// one. A lane whose callback is stuck past <c>callback_timeout</c>, or that has fallen half its queue behind the
/// fastest lane, is let go (<see cref="LaneMessageKind.Detached"/>): it keeps its position, reads its own way forward
/// from there, and asks to rejoin once it reaches the head. Among the lanes it keeps, the poller reads on while every
/// queue has room for the next batch; when one has not, the fastest lane still has half a queue of work, so pausing
/// the read holds nobody up.
/// </summary>
/// <remarks>Owner: the poll loop (the lanes it feeds, the head, the batch numbers).</remarks>
internal sealed class LaneDispatcher : IDispatcher
{
    private readonly StateWriter _checkpoints;
    private readonly int _batchSize;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly Logger _log;
    private readonly List<AttachedLane> _attached;
    private long _head;
    private long _batch;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="checkpoints">The state writer (told of every batch before the lanes get it).</param>
    /// <param name="batchSize">Events per read.</param>
    /// <param name="capacity">Events a lane's queue may hold; at least two batches.</param>
    /// <param name="head">The last id already handed out: the next read starts after it.</param>
    /// <param name="attached">The lanes fed from the start.</param>
    /// <param name="time">The clock.</param>
    /// <param name="log">The engine logger.</param>
    public LaneDispatcher(StateWriter checkpoints, int batchSize, int capacity, long head, IEnumerable<PluginLane> attached, TimeProvider time, Logger log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2 * batchSize);
        _checkpoints = checkpoints;
        _batchSize = batchSize;
        _capacity = capacity;
        _head = head;
        _attached = [.. attached.Select(l => new AttachedLane(l) { Fed = l.Consumed })];
        _time = time;
        _log = log;
    }

    /// <summary>The last id handed out.</summary>
    public long Head => _head;

    /// <inheritdoc />
    public long? NextReadFrom => _attached.Count > 0 && _attached.TrueForAll(HasRoom) ? _head + 1 : null;

    /// <inheritdoc />
    public bool AtHead => _attached.Count > 0;

    /// <inheritdoc />
    public void Apply(PollerMessage message)
    {
        switch (message.Kind)
        {
            case PollerMessageKind.Rejoin:
                Rejoin(message.Lane!, message.Position);
                break;
            case PollerMessageKind.Leave:
            case PollerMessageKind.Removed:
                _attached.RemoveAll(a => ReferenceEquals(a.Lane.Delivery, message.Delivery));
                break;
        }
    }

    /// <inheritdoc />
    public Task BeforeReadAsync(CancellationToken stopping)
    {
        if (_attached.Count == 0)
        {
            return Task.CompletedTask;
        }

        var fastest = _attached.Min(a => a.Outstanding);
        foreach (var lane in _attached.ToArray())
        {
            if (lane.Lane.Delivery.Plugin.IsStuck)
            {
                // At once, not only when its queue is full: nothing it holds is waited for.
                Detach(lane, StuckReason(lane.Lane.Delivery));
            }
            else if (lane.Outstanding - fastest >= _capacity / 2)
            {
                Detach(lane, $"it is {lane.Outstanding - fastest} events behind the fastest plugin ({lane.Outstanding} queued)");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DispatchAsync(IReadOnlyList<ShotgunEvent> events, CancellationToken stopping)
    {
        // Every lane kept at the head had room for a whole read when it started (NextReadFrom).
        var fed = _attached.ToArray();
        var batch = ++_batch;
        if (fed.Length > 0)
        {
            // Before any lane has it, so none can pass it before the writer knows of it.
            _checkpoints.Dispatched(batch, [.. fed.Select(l => l.Lane.Delivery.Id)]);
        }

        var message = new LaneMessage(LaneMessageKind.Batch, batch, events);
        foreach (var lane in fed)
        {
            lane.Fed += events.Count;
            lane.Lane.Post(message);
        }

        _head = Math.Max(_head, events[^1].Id);
        return Task.CompletedTask;
    }

    private bool HasRoom(AttachedLane lane) => lane.Outstanding + _batchSize <= _capacity;

    private void Rejoin(PluginLane lane, long position)
    {
        if (_attached.Exists(a => ReferenceEquals(a.Lane, lane)))
        {
            return;
        }

        if (_attached.Count == 0)
        {
            // Nobody is at the head: it is wherever the first lane to get there is.
            _head = Math.Max(_head, position);
        }

        if (position < _head)
        {
            lane.Post(new LaneMessage(LaneMessageKind.NotYet, Head: _head));
            return;
        }

        _attached.Add(new AttachedLane(lane) { Fed = lane.Consumed });
        lane.Delivery.SetLetGo(false);
        lane.Post(new LaneMessage(LaneMessageKind.Joined, Head: _head));
    }

    private void Detach(AttachedLane lane, string reason)
    {
        _attached.Remove(lane);
        lane.Lane.Delivery.SetLetGo(true);
        lane.Lane.Post(new LaneMessage(LaneMessageKind.Detached));
        _checkpoints.Gone(lane.Lane.Delivery.Id);
        var delivery = lane.Lane.Delivery;
        var position = delivery.Progress.State.LastEventId ?? 0;
        _log.Warn("Plugin {0} no longer keeps up at the head (event {1}): {2}. It keeps its position (event {3}, {4} behind) and " +
            "reads its own way forward once it can; the other plugins carry on.", delivery.Plugin.Name, _head, reason, position,
            Math.Max(0, _head - position));
    }

    private string StuckReason(PluginDelivery delivery) =>
        delivery.Plugin.InFlight is { } call
            ? $"callback {call.Callback ?? "?"} has been running on event {call.EventId} for {_time.GetElapsedTime(call.StartedAt).TotalSeconds:0.#} s"
            : "its callback is stuck";
}
