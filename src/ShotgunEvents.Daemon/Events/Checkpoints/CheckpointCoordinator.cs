namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>
/// The checkpoint policy in one place: when the state file is written, and when a plugin at its crash bound may go on.
/// It has no thread and no lock of its own: the state writer's loop owns it, feeds it the poller's and the lanes'
/// messages in the order they arrived, asks <see cref="TakeWrite"/> whether to write, and reports each write with
/// <see cref="Written"/>.
/// <list type="bullet">
/// <item>Every batch (<c>state_checkpoint = batch</c>): one write per batch the poller hands out, when every plugin it
/// went to has passed it (<see cref="Passed"/>), or, if some are slow or stuck, once <c>patience</c> has gone by since
/// it was handed out: a slow plugin never holds back the others' positions on disk. Progress made outside any batch (a
/// plugin reading its own way forward, an expired backlog) is written when no batch is open.</item>
/// <item>The crash bound: a plugin that has handled a batch's worth of events the file does not hold yet waits
/// (<see cref="WaitFor"/>) until a write holds them: at once when the batch it passed is not written within
/// <c>patience</c>, at once when it passed none.</item>
/// <item>An interval (<c>state_checkpoint = N</c>): at most one write per interval, when something changed; nobody waits.</item>
/// </list>
/// A failed write releases the plugins that waited all the same (they would otherwise stop for good on a full or
/// read-only disk): the bound then holds again from the next batch on.
/// </summary>
internal sealed class CheckpointCoordinator
{
    private readonly TimeProvider _time;
    private readonly TimeSpan? _interval;
    private readonly TimeSpan _patience;
    private readonly Dictionary<long, OpenBatch> _open = [];
    private readonly List<BoundWaiter> _waiters = [];
    private readonly List<long> _closing = [];
    private readonly Dictionary<int, long> _covered = [];
    private long _lastWrite;
    private bool _dirty;

    /// <summary>Creates the policy.</summary>
    /// <param name="time">The clock of the patience and the interval.</param>
    /// <param name="interval">Null for one write per batch; otherwise at most one write per this long.</param>
    /// <param name="patience">How long a batch's write waits for the plugins still working on it.</param>
    public CheckpointCoordinator(TimeProvider time, TimeSpan? interval, TimeSpan patience)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, TimeSpan.Zero);
        if (interval is { } every)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero);
        }

        _time = time;
        _interval = interval;
        _patience = patience;
        _lastWrite = time.GetTimestamp();
    }

    /// <summary>True when plugins must not get more than a batch ahead of the file (every-batch mode).</summary>
    public bool BoundsPlugins => _interval is null;

    /// <summary>The poller handed batch <paramref name="batch"/> to <paramref name="plugins"/> (before any of them can pass it).</summary>
    public void Dispatched(long batch, IReadOnlyCollection<int> plugins)
    {
        if (plugins.Count == 0)
        {
            return;
        }

        _open[batch] = new OpenBatch([.. plugins], _time.GetTimestamp());
    }

    /// <summary><paramref name="plugin"/> is through its share of <paramref name="batch"/> (handled, skipped or dropped).</summary>
    public void Passed(long batch, int plugin)
    {
        _dirty = true;
        if (_open.TryGetValue(batch, out var open))
        {
            open.Waiting.Remove(plugin);
            open.Passed.Add(plugin);
        }
    }

    /// <summary><paramref name="plugin"/> gets no more batches (detached, inactive, removed): no open batch waits for it.</summary>
    public void Gone(int plugin)
    {
        _dirty = true;
        foreach (var open in _open.Values)
        {
            open.Waiting.Remove(plugin);
        }
    }

    /// <summary>Something changed outside any batch: written when no batch is open (or at the next interval).</summary>
    public void Changed() => _dirty = true;

    /// <summary>
    /// <paramref name="plugin"/> may not go on until a write holds at least its first <paramref name="handled"/> events;
    /// <paramref name="waiter"/> is completed with what the write holds: at once when the last write holds them already.
    /// </summary>
    public void WaitFor(int plugin, long handled, TaskCompletionSource<long> waiter)
    {
        if (_covered.TryGetValue(plugin, out var covered) && covered >= handled)
        {
            waiter.TrySetResult(covered);
            return;
        }

        _dirty = true;
        // A batch it passed is about to be written anyway (drained, or at its patience); else there is nothing to wait for.
        var batchDue = _open.Values.Where(b => b.Passed.Contains(plugin)).Select(b => b.HandedOut).DefaultIfEmpty(long.MinValue).Min();
        var due = batchDue == long.MinValue ? _time.GetTimestamp() : batchDue + Ticks(_patience);
        _waiters.Add(new BoundWaiter(plugin, handled, waiter, due));
    }

    /// <summary>
    /// True when a write is due now; the batches it settles are then closed by <see cref="Written"/>. Call it after the
    /// messages that arrived are applied, and again at <see cref="NextDeadline"/>.
    /// </summary>
    public bool TakeWrite()
    {
        var now = _time.GetTimestamp();
        _closing.Clear();
        if (_interval is { } every)
        {
            return _dirty && _time.GetElapsedTime(_lastWrite) >= every;
        }

        foreach (var (batch, open) in _open)
        {
            if (open.Waiting.Count == 0 || now - open.HandedOut >= Ticks(_patience))
            {
                _closing.Add(batch);
            }
        }

        return _closing.Count > 0 || _waiters.Any(w => w.Due <= now) || (_dirty && _open.Count == 0);
    }

    /// <summary>How long until <see cref="TakeWrite"/> may say yes without a new message; null when only a message can.</summary>
    public TimeSpan? NextDeadline()
    {
        var now = _time.GetTimestamp();
        if (_interval is { } every)
        {
            return _dirty ? Positive(every - _time.GetElapsedTime(_lastWrite)) : null;
        }

        long? next = null;
        foreach (var open in _open.Values)
        {
            next = Min(next, open.HandedOut + Ticks(_patience));
        }

        foreach (var waiter in _waiters)
        {
            next = Min(next, waiter.Due);
        }

        return next is { } at ? Positive(TimeSpan.FromSeconds((double)(at - now) / _time.TimestampFrequency)) : null;
    }

    /// <summary>
    /// A write (started after <see cref="TakeWrite"/> said yes) is done: <paramref name="covered"/> says how many
    /// events of each plugin it holds. Plugins waiting for less go on; when the write failed, they go on all the same.
    /// </summary>
    /// <param name="covered">Per plugin, the handled events the write holds.</param>
    /// <param name="succeeded">False when the file could not be written.</param>
    public void Written(IReadOnlyDictionary<int, long> covered, bool succeeded)
    {
        foreach (var batch in _closing)
        {
            _open.Remove(batch);
        }

        _closing.Clear();
        _dirty = false;
        _lastWrite = _time.GetTimestamp();
        if (succeeded)
        {
            foreach (var (plugin, count) in covered)
            {
                _covered[plugin] = count;
            }
        }

        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            var held = covered.TryGetValue(waiter.Plugin, out var count) ? count : 0;
            if (held >= waiter.Handled || !succeeded)
            {
                waiter.Completion.TrySetResult(Math.Max(held, waiter.Handled));
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <summary>The writer stops: whoever still waits goes on (the stop writes the last state itself).</summary>
    public void Release()
    {
        foreach (var waiter in _waiters)
        {
            waiter.Completion.TrySetResult(waiter.Handled);
        }

        _waiters.Clear();
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static long? Min(long? a, long b) => a is { } x && x < b ? x : b;

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;
}
