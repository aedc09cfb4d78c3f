using System.Threading.Channels;
using NLog;
using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>
/// The one writer of the state file, on a thread of its own. Its loop owns the <see cref="CheckpointCoordinator"/>
/// (when to write, who waits), folds every plugin's published position into the <see cref="DaemonState"/> at each
/// write, and writes the status file beside it at most once a second. The poller and the lanes only send it messages
/// (<see cref="Dispatched"/>, <see cref="Passed"/>, <see cref="Gone"/>, <see cref="Changed"/>,
/// <see cref="WaitForAsync"/>), so nobody but a plugin at its crash bound ever waits for the disk. The status file is
/// also refreshed every few seconds when nothing is written, so it shows a plugin stuck or let go while all is quiet. <see cref="SaveNow"/>
/// writes on the caller's thread, before <see cref="Start"/> and after <see cref="StopAsync"/> only.
/// </summary>
internal sealed class StateWriter
{
    /// <summary>The status file is for people: once a second is plenty, and it keeps catch-up off the disk.</summary>
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(1);

    /// <summary>How stale the status file may get when nothing is written (a plugin stuck, let go, or idle).</summary>
    private static readonly TimeSpan StatusRefresh = TimeSpan.FromSeconds(3);

    private readonly StateFile _file;
    private readonly DaemonState _state;
    private readonly DeliveryRegistry _registry;
    private readonly CheckpointCoordinator _coordinator;
    private readonly Func<IReadOnlyList<PluginDelivery>, Newtonsoft.Json.Linq.JObject> _status;
    private readonly TimeProvider _time;
    private readonly Logger _log;
    private readonly Channel<CheckpointMessage> _inbox = Channel.CreateUnbounded<CheckpointMessage>(new UnboundedChannelOptions { SingleReader = true });

    // Owned by the loop (and by SaveNow outside it).
    private readonly Dictionary<int, DeliveryProgress> _written = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _statusAt = long.MinValue;
    private bool _changed;
    private bool _failing;

    // Published for readers on other threads.
    private StateWriteResult _last = new(true, null);
    private long _writes;

    /// <summary>Creates the writer; nothing is written until <see cref="SaveNow"/> or <see cref="Start"/>.</summary>
    /// <param name="file">The state file.</param>
    /// <param name="state">The state as loaded and resolved; the writer keeps it current.</param>
    /// <param name="registry">The deliveries whose positions are written.</param>
    /// <param name="coordinator">The checkpoint policy, owned by the writer from now on.</param>
    /// <param name="status">Builds the status file's content from the deliveries.</param>
    /// <param name="time">The clock of the policy and the status file.</param>
    /// <param name="log">The engine logger.</param>
    public StateWriter(StateFile file, DaemonState state, DeliveryRegistry registry, CheckpointCoordinator coordinator,
        Func<IReadOnlyList<PluginDelivery>, Newtonsoft.Json.Linq.JObject> status, TimeProvider time, Logger log)
    {
        _file = file;
        _state = state;
        _registry = registry;
        _coordinator = coordinator;
        _status = status;
        _time = time;
        _log = log;
    }

    /// <summary>The state file's full path.</summary>
    public string Path => _file.Path;

    /// <summary>How the last write went (a failing disk makes the daemon not ready).</summary>
    public StateWriteResult LastResult => Volatile.Read(ref _last);

    /// <summary>State files written so far (successful writes only).</summary>
    public long WriteCount => Interlocked.Read(ref _writes);

    /// <summary>Raised after each state file write with how long it took (metrics). Must be quick and must not throw.</summary>
    public event Action<TimeSpan>? Written;

    /// <summary>The poller handed <paramref name="batch"/> to <paramref name="plugins"/>; sent before any of them gets it.</summary>
    public void Dispatched(long batch, int[] plugins) => Send(new CheckpointMessage(CheckpointMessageKind.Dispatched, batch, Plugins: plugins));

    /// <summary><paramref name="plugin"/> is through its share of <paramref name="batch"/>.</summary>
    public void Passed(long batch, int plugin) => Send(new CheckpointMessage(CheckpointMessageKind.Passed, batch, plugin));

    /// <summary><paramref name="plugin"/> gets no more batches (detached, inactive, removed).</summary>
    public void Gone(int plugin) => Send(new CheckpointMessage(CheckpointMessageKind.Gone, Plugin: plugin));

    /// <summary>Progress outside any batch is worth a write once no batch is open.</summary>
    public void Changed() => Send(new CheckpointMessage(CheckpointMessageKind.Changed));

    /// <summary>Waits until a write holds <paramref name="plugin"/>'s first <paramref name="handled"/> events; returns how many it holds.</summary>
    public Task<long> WaitForAsync(int plugin, long handled, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new CheckpointMessage(CheckpointMessageKind.WaitFor, Plugin: plugin, Handled: handled, Waiter: waiter)))
        {
            // Stopped: the stop writes the last state itself.
            return Task.FromResult(handled);
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes the state now, changed or not (start and stop); on the caller's thread, while the loop is not running.</summary>
    public StateWriteResult SaveNow() => Write(force: true);

    /// <summary>Starts the loop.</summary>
    public void Start()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = done.Task;
        // Its own thread, not the thread pool: catching up, every pool thread runs a lane that keeps it while it has
        // events, and a writer queued behind them would keep the lanes at their crash bound waiting for it.
        var thread = new Thread(
            () =>
            {
                try
                {
                    Run();
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

    /// <summary>Ends the loop after the write in progress, releases whoever waits, and writes the last state.</summary>
    public async Task<StateWriteResult> StopAsync()
    {
        _inbox.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        while (_inbox.Reader.TryRead(out var message))
        {
            message.Waiter?.TrySetResult(message.Handled);
        }

        _coordinator.Release();
        return SaveNow();
    }

    private void Send(CheckpointMessage message) => _inbox.Writer.TryWrite(message);

    private void Run()
    {
        var stopping = _stop.Token;
        while (!stopping.IsCancellationRequested)
        {
            if (!WaitForWork(Earliest(_coordinator.NextDeadline(), StatusDueIn()), stopping))
            {
                return;
            }

            while (_inbox.Reader.TryRead(out var message))
            {
                Apply(message);
            }

            if (_coordinator.TakeWrite())
            {
                WriteGuarded();
            }
            else if (StatusDueIn() == TimeSpan.Zero)
            {
                WriteStatus(_registry.Current, force: true);
            }
        }
    }

    private TimeSpan StatusDueIn() =>
        _statusAt == long.MinValue ? TimeSpan.Zero : Max(TimeSpan.Zero, StatusRefresh - _time.GetElapsedTime(_statusAt));

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Blocks until a message arrives or <paramref name="deadline"/> passes; false when stopping.</summary>
    private bool WaitForWork(TimeSpan? deadline, CancellationToken stopping)
    {
        if (_inbox.Reader.TryPeek(out _) || deadline == TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            var message = _inbox.Reader.WaitToReadAsync(stopping).AsTask();
            if (deadline is { } wait)
            {
                Task.WaitAny([message, Task.Delay(wait, _time, stopping)], stopping);
            }
            else
            {
                message.Wait(stopping);
            }

            return !stopping.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
        {
            return false;
        }
    }

    private void Apply(CheckpointMessage message)
    {
        switch (message.Kind)
        {
            case CheckpointMessageKind.Dispatched:
                _coordinator.Dispatched(message.Batch, message.Plugins!);
                break;
            case CheckpointMessageKind.Passed:
                _coordinator.Passed(message.Batch, message.Plugin);
                break;
            case CheckpointMessageKind.Gone:
                _coordinator.Gone(message.Plugin);
                break;
            case CheckpointMessageKind.Changed:
                _changed = true;
                _coordinator.Changed();
                break;
            case CheckpointMessageKind.WaitFor:
                _coordinator.WaitFor(message.Plugin, message.Handled, message.Waiter!);
                break;
        }
    }

    /// <summary>
    /// A write that fails for a reason other than the disk (a bug, a state that cannot be serialised) is logged once per
    /// failing streak and the loop goes on: had the thread ended, plugins at their crash bound would wait for good.
    /// </summary>
    private void WriteGuarded()
    {
        try
        {
            Write(force: false);
        }
#pragma warning disable CA1031 // The writer must outlive any one failed write; the error is logged with its stack.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Fail(ex, $"writing it failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
            _coordinator.Written(new Dictionary<int, long>(), succeeded: false);
        }
    }

    private StateWriteResult Write(bool force)
    {
        var deliveries = _registry.Current;
        var covered = new Dictionary<int, long>(deliveries.Count);
        var changed = force || _changed;
        var progress = new DeliveryProgress[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];
            progress[i] = delivery.Progress;
            covered[delivery.Id] = progress[i].Handled;
            if (!_written.TryGetValue(delivery.Id, out var last) || !ReferenceEquals(last, progress[i]))
            {
                changed = true;
                _state.Set(delivery.StateKey, delivery.Plugin.Name, progress[i].State);
            }
        }

        if (!changed)
        {
            // Nothing moved since the last write: it holds all of it already.
            _coordinator.Written(covered, succeeded: true);
            return LastResult;
        }

        var started = _time.GetTimestamp();
        var released = false;
        try
        {
            // Plugins waiting at their bound go on once the file has its name: from then on a kill cannot undo it. The
            // directory flush after it only guards against a power loss bringing back the previous (complete) file.
            _file.Save(_state, () =>
            {
                released = true;
                _coordinator.Written(covered, succeeded: true);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!released)
            {
                _coordinator.Written(covered, succeeded: false);
            }

            return Fail(null, ex.Message);
        }

        Interlocked.Increment(ref _writes);
        _changed = false;
        for (var i = 0; i < deliveries.Count; i++)
        {
            _written[deliveries[i].Id] = progress[i];
        }

        Written?.Invoke(_time.GetElapsedTime(started));
        WriteStatus(deliveries, force);
        if (_failing)
        {
            _log.Warn("The state file {0} is written again.", _file.Path);
            _failing = false;
        }

        var result = new StateWriteResult(true, null);
        Volatile.Write(ref _last, result);
        return result;
    }

    private StateWriteResult Fail(Exception? unexpected, string reason)
    {
        // One error per failing streak, not one per batch: the previous file is intact (atomic rename).
        if (!_failing)
        {
            _log.Error(unexpected, "Cannot write the state file {0}: {1}. The previous state is kept; retrying at the next checkpoint. " +
                "Until it works, a crash would deliver again everything since then, and the daemon reports itself not ready.",
                _file.Path, reason);
            _failing = true;
        }

        var result = new StateWriteResult(false, reason);
        Volatile.Write(ref _last, result);
        return result;
    }

    private void WriteStatus(IReadOnlyList<PluginDelivery> deliveries, bool force)
    {
        if (!force && _statusAt != long.MinValue && _time.GetElapsedTime(_statusAt) < StatusEvery)
        {
            return;
        }

        // Attempted now, written or not: a disk that refuses it is not asked again at once.
        _statusAt = _time.GetTimestamp();
        try
        {
            var report = _status(deliveries);
            AtomicFile.Write(StatusReport.PathFor(_file.Path), stream =>
            {
                using var writer = new StreamWriter(stream, leaveOpen: true);
                writer.Write(report.ToString());
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Debug("The status file beside {0} was not written: {1}", _file.Path, ex.Message);
        }
    }
}
