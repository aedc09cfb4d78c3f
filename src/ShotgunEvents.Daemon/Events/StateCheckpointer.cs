using NLog;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// The one writer of the state file. The poll cycle and the lanes only ask for a checkpoint; a background loop merges
/// every request that arrives before it starts a write into that write (the poller asks once per batch, when every lane
/// is through it), and nobody but a lane at its crash bound waits for the disk. With an interval
/// (<c>state_checkpoint = N</c>) it writes at most once per interval. Graceful stop writes the last state. Plugins that are not loaded now keep their
/// entry, so a plugin file that comes back resumes where it was.
/// </summary>
internal sealed class StateCheckpointer
{
    private readonly StateFile _file;
    private readonly DaemonState _state;
    private readonly TimeSpan? _interval;
    private readonly Uri? _site;
    private readonly TimeProvider _timeProvider;
    private readonly Logger _log;
    private readonly Func<IReadOnlyList<PluginWorker>> _workers;
    private readonly Func<bool> _idle;
    private readonly ManualResetEventSlim _wake = new(initialState: false);
    private readonly Lock _writeGate = new();
    private readonly Lock _waitersGate = new();
    private TaskCompletionSource? _waiters;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _urgent;
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private long _savedVersion = -1;
    private long _savedAt;
    private long _statusAt = long.MinValue;
    private long _writes;
    private bool _failing;
    private bool _unexpectedFailure;

    /// <summary>Creates the writer; nothing is written until <see cref="SaveNow"/> or <see cref="Start"/>.</summary>
    /// <param name="file">The state file.</param>
    /// <param name="state">The live state the cursors change in place.</param>
    /// <param name="interval">Null writes whenever asked (after every batch); otherwise at most this often.</param>
    /// <param name="site">The site, for the status file.</param>
    /// <param name="timeProvider">The clock of the interval and the status file.</param>
    /// <param name="log">The engine logger.</param>
    /// <param name="workers">The lanes now (they come and go while running).</param>
    /// <param name="idle">True when no dispatched batch is still in the lanes (its end asks for its own write).</param>
    public StateCheckpointer(StateFile file, DaemonState state, TimeSpan? interval, Uri? site, TimeProvider timeProvider, Logger log,
        Func<IReadOnlyList<PluginWorker>> workers, Func<bool> idle)
    {
        _idle = idle;
        _file = file;
        _state = state;
        _interval = interval;
        _site = site;
        _timeProvider = timeProvider;
        _log = log;
        _workers = workers;
        _savedAt = timeProvider.GetTimestamp();
    }

    /// <summary>
    /// True when lanes must not get more than a batch ahead of the file (every-batch mode). With an interval the
    /// interval is the bound, and lanes never wait.
    /// </summary>
    public bool BoundsLanes => _interval is null;

    /// <summary>State files written so far (successful writes only): what the coalescing saves is counted here.</summary>
    public long WriteCount => Interlocked.Read(ref _writes);

    /// <summary>Raised after each state file write with how long it took (metrics). Must be quick and must not throw.</summary>
    public event Action<TimeSpan>? Written;

    /// <summary>Starts the background writer.</summary>
    public void Start()
    {
        _stop = new CancellationTokenSource();
        var stopping = _stop.Token;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = done.Task;

        // Its own thread, not the thread pool: catching up, every pool thread runs a lane that keeps its thread while
        // its queue has events, so a writer woken on the pool waited behind them while the lanes at their crash bound
        // waited for it. A thread of its own is scheduled by the OS at once.
        var thread = new Thread(
            () =>
            {
                try
                {
                    Run(stopping);
                    done.TrySetResult();
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "state writer",
        };
        thread.Start();
    }

    /// <summary>Asks for a checkpoint without waiting: merged into the next write (or into the one about to start).</summary>
    public void Request()
    {
        Volatile.Write(ref _urgent, 1);
        _wake.Set();
    }

    /// <summary>
    /// Asks for a checkpoint at the end of a poll cycle, honoured only if no dispatched batch is still in the lanes: what
    /// changed outside a batch (serial mode, expired backlog entries) is written here. A batch in the lanes is written
    /// when the last lane is through it (<see cref="EventPoller.BatchDrained"/>), so a cycle and its batch do not each
    /// cost a write. (Queue lengths cannot tell: a lane that took its last event from the queue is still handling it,
    /// and a write then was followed by the batch's own.)
    /// </summary>
    public void RequestWhenIdle() => _wake.Set();

    /// <summary>
    /// Asks for a checkpoint and waits until a write that started after this call is done, so it holds everything
    /// the caller handled before calling. A failed write also ends the wait (the error is logged; the old file stands).
    /// </summary>
    public Task WaitForCheckpointAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource next;
        lock (_waitersGate)
        {
            next = _waiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Request();
        return next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits, without asking for a write, until <paramref name="done"/> is true after a write (someone else has asked:
    /// the end of a batch); asks for one if that has not happened within <paramref name="patience"/>, then waits for it.
    /// A failed write also ends the wait, like <see cref="WaitForCheckpointAsync"/>.
    /// </summary>
    public async Task WaitForWriteAsync(Func<bool> done, TimeSpan patience, CancellationToken cancellationToken)
    {
        var since = _timeProvider.GetTimestamp();
        while (true)
        {
            // The signal first, then the condition: a write marks the lanes before it signals, so none is missed.
            var written = Volatile.Read(ref _written).Task;
            if (done())
            {
                return;
            }

            var left = patience - _timeProvider.GetElapsedTime(since);
            if (left <= TimeSpan.Zero)
            {
                await WaitForCheckpointAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                await written.WaitAsync(left, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await WaitForCheckpointAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Writes a checkpoint now on the caller's thread, whether or not something changed (start, stop).</summary>
    public void SaveNow() => Save(force: true);

    /// <summary>Ends the background writer after the write in progress, then writes the last state.</summary>
    public async Task StopAsync()
    {
        if (_stop is { } stop)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            stop.Dispose();
            _stop = null;
        }

        SaveNow();
    }

    private void Run(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                _wake.Wait(stopping);
                // Reset before the write reads the lanes: a request from here on is either in this write or wakes the next.
                _wake.Reset();
                if (_interval is { } every && every - _timeProvider.GetElapsedTime(_savedAt) is var wait && wait > TimeSpan.Zero)
                {
                    Task.Delay(wait, _timeProvider, stopping).GetAwaiter().GetResult();
                    // Requests that came during the wait are in this write.
                    _wake.Reset();
                }

                var urgent = Interlocked.Exchange(ref _urgent, 0) == 1 || _interval is not null;
                if (urgent || Volatile.Read(ref _waiters) is not null || _idle())
                {
                    SaveGuarded();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the last state itself.
        }
    }

    /// <summary>
    /// A write that fails for a reason other than the disk (a bug, a state that cannot be serialised) is logged, once
    /// per failing streak, and the writer waits for the next request: had the thread ended, no state would be written
    /// again and every lane at its crash bound would wait for a write that never comes.
    /// </summary>
    private void SaveGuarded()
    {
        try
        {
            Save(force: false);
            _unexpectedFailure = false;
        }
#pragma warning disable CA1031 // The writer must outlive any one failed write; the error is logged with its stack.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            if (!_unexpectedFailure)
            {
                _log.Error(ex, "Writing the state file {0} failed: {1}. The previous state is kept; retrying at the next request.",
                    _file.Path, ex.Message);
                _unexpectedFailure = true;
            }
        }
    }

    private void Save(bool force)
    {
        lock (_writeGate)
        {
            // Whoever asked from here on waits for the next write: this one may have read their lane already.
            TaskCompletionSource? waiters;
            lock (_waitersGate)
            {
                waiters = _waiters;
                _waiters = null;
            }

            var workers = _workers();
            var handled = new long[workers.Count];
            var released = false;

            // The lanes learn what the file holds once it has its name: from then on a kill cannot undo it, so their
            // crash bound holds. They do not wait for the directory flush after it, which only guards against a power
            // loss bringing back the previous (complete) file; on a busy disk that second fsync doubled their wait.
            void Release(bool mark)
            {
                if (released)
                {
                    return;
                }

                released = true;
                if (mark)
                {
                    for (var i = 0; i < workers.Count; i++)
                    {
                        workers[i].MarkCheckpoint(handled[i]);
                    }
                }

                waiters?.TrySetResult();
                // After the marks: whoever waits for a mark sees it once this fires.
                Interlocked.Exchange(ref _written, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            try
            {
                var version = workers.Sum(w => w.StateVersion) + workers.Count;
                if (!force && version == _savedVersion)
                {
                    // Nothing changed since the last write read the lanes, so its marks are still current.
                    return;
                }

                // What each lane had handled before the copy: all of it is in the copy (a lane counts an event after
                // moving its cursor). Lanes learn it only once the file has its name.
                for (var i = 0; i < workers.Count; i++)
                {
                    handled[i] = workers[i].HandledCount;
                }

                Write(workers, force, version, () => Release(mark: true));

                // A failed write marks the lanes all the same (see Write), so they retry at their next batch.
                Release(mark: true);
            }
            finally
            {
                Release(mark: false);
            }
        }
    }

    private void Write(IReadOnlyList<PluginWorker> workers, bool force, long version, Action replaced)
    {
        try
        {
            // The cursors change the plugin states in place; a clone is a consistent picture of them.
            var started = _timeProvider.GetTimestamp();
            _file.Save(_state.Clone(), replaced);
            Interlocked.Increment(ref _writes);
            Written?.Invoke(_timeProvider.GetElapsedTime(started));
            // The status file is for people: once a second is plenty, and it keeps catch-up off the disk.
            if (force || _statusAt == long.MinValue || _timeProvider.GetElapsedTime(_statusAt) >= TimeSpan.FromSeconds(1))
            {
                StatusReport.Write(_file.Path, _site, workers, _timeProvider);
                _statusAt = _timeProvider.GetTimestamp();
            }

            _savedVersion = version;
            _savedAt = _timeProvider.GetTimestamp();
            if (_failing)
            {
                _log.Warn("The state file {0} is written again.", _file.Path);
                _failing = false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // One error per failing streak, not one per batch: the previous file is intact (atomic rename). The lanes
            // are marked all the same, so they retry at their next batch, not at every event of a failing disk.
            if (!_failing)
            {
                _log.Error("Cannot write the state file {0}: {1}. The previous state is kept; retrying every batch.", _file.Path, ex.Message);
                _failing = true;
            }
        }
    }
}
