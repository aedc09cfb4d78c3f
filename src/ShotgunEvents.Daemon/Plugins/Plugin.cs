using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Loading;
using ShotgunEvents.Daemon.Plugins.Running;
using ShotgunEvents.Daemon.Plugins.Scoping;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>
/// One plugin file, with an identity (its name) that lasts across reloads. Events go through
/// <see cref="ProcessAsync"/>; a reload builds a new generation beside the running one and swaps it in between two
/// events, so an event is handled entirely by one generation.
/// </summary>
/// <remarks>
/// Concurrency: <c>_gate</c> admits one holder at a time: the lane making a call, or the scan thread swapping a
/// generation in or retiring it; <c>_current</c>, <c>_failure</c> and <c>_generation</c> change only under it and are
/// published for readers. <c>_pending</c> is handed from the scan thread to the gate holder under <c>_pendingLock</c>.
/// A call in flight (<c>_call</c>) can be abandoned from outside (a reload of a stuck plugin, its removal, the stop):
/// the abandoner then releases the gate for the call, which changes nothing more when it returns.
/// </remarks>
internal sealed class Plugin
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private readonly UnloadTracker _tracker;
    private readonly PluginConnections _connections;
    private readonly CallbackRunner _runner;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reloadGrace;
    private readonly PluginHostOptions _options;
    private readonly Lock _logLevelGate = new();
    private LogLevel? _logLevel;
    private PluginLoadState? _current;
    private PluginLoadState? _pending;
    private PluginCall? _call;
    private string? _failure;
    private volatile bool _removed;
    private volatile bool _stuck;
    private int _generation;

    public Plugin(string filePath, string collectionDirectory, PluginHostOptions options, ICallbackConnectionFactory connections,
        TimeProvider timeProvider, UnloadTracker tracker)
    {
        FilePath = Path.GetFullPath(filePath);
        Name = Path.GetFileNameWithoutExtension(FilePath);
        CollectionDirectory = collectionDirectory;
        LoggerName = PluginLoggerNames.Plugin(Name);
        Logger = options.LogFactory.GetLogger(LoggerName);
        _tracker = tracker;
        _options = options;
        _connections = new PluginConnections(connections);
        _time = timeProvider;
        _reloadGrace = options.ReloadGrace;
        _runner = new CallbackRunner(Name, options, timeProvider, _connections, Logger, OnStuckChanged, Skips);
        RegistrarHost = new RegistrarHost(_connections, SetLogLevel);
    }

    /// <summary>Raised after a new generation (or a failed load) has been swapped in.</summary>
    internal event Action<Plugin>? Swapped;

    /// <summary>
    /// Raised when a call in flight was abandoned (on the thread that abandoned it, after the plugin was released for
    /// the next call): the lane whose loop made the call may be blocked in it for good and must carry on in a new one.
    /// </summary>
    internal event Action<Plugin, PluginCall>? CallAbandoned;

    /// <summary>The plugin's name: its file name without <c>.csx</c>; the key of its saved state.</summary>
    public string Name { get; }

    /// <summary>The full path of the .csx file.</summary>
    public string FilePath { get; }

    /// <summary>The plugin directory (collection) it belongs to.</summary>
    public string CollectionDirectory { get; }

    /// <summary>The plugin's logger, <c>plugin.&lt;name&gt;</c>.</summary>
    public Logger Logger { get; }

    /// <summary>The plugin logger's name.</summary>
    public string LoggerName { get; }

    /// <summary>True when the plugin takes events: it compiled, registered, and no stopOnError callback has failed since.</summary>
    public bool IsActive => !_removed && Volatile.Read(ref _current)?.Generation is not null && Volatile.Read(ref _failure) is null;

    /// <summary>Why the plugin is inactive (compile errors, registration failure, failed callback, removed); null when active.</summary>
    public string? InactiveReason =>
        _removed ? "the plugin file was removed"
        : Volatile.Read(ref _failure) ?? Volatile.Read(ref _current) switch
        {
            null => "not loaded yet",
            { Failure: { } failure } => failure,
            _ => null,
        };

    /// <summary>True until the first load (compile and registerCallbacks) has been swapped in.</summary>
    public bool IsLoading => !_removed && Volatile.Read(ref _current) is null;

    /// <summary>How many (re)loads have been swapped in, failed ones included; 1 after the first load.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>True while a callback runs past <see cref="PluginHostOptions.CallbackTimeout"/>.</summary>
    public bool IsStuck => _stuck;

    /// <summary>The call in flight (event, callback, since when), or null between events.</summary>
    public PluginCall? InFlight => Volatile.Read(ref _call);

    /// <summary>The compiler's errors and warnings of the last load.</summary>
    public IReadOnlyList<PluginDiagnostic> Diagnostics => Volatile.Read(ref _current)?.Diagnostics ?? [];

    /// <summary>Who gets this plugin's error mails (what its registerCallbacks chose with SetEmails).</summary>
    public EmailRecipients EmailRecipients => Volatile.Read(ref _current)?.Generation?.Registrar.EmailRecipients ?? EmailRecipients.Default;

    /// <summary>How many real site connections the plugin's callbacks have opened.</summary>
    internal int ConnectionCount => _connections.CreatedCount;

    /// <summary>
    /// The level the plugin's <c>registerCallbacks</c> set with <c>reg.SetLogLevel</c> for its loggers; null when it set
    /// none (the daemon's <c>[daemon] logging</c> applies). Shown by <c>status</c> as <c>log_level</c>.
    /// </summary>
    public LogLevel? LogLevel => Volatile.Read(ref _logLevel);

    /// <summary>
    /// Callback runs skipped since the daemon started, by reason (the event counted as handled all the same). Shown by
    /// <c>status</c> as <c>skipped</c> and counted in <c>/metrics</c>.
    /// </summary>
    public SkipCounters Skips { get; } = new();

    /// <summary>The scopes the current load's callbacks narrowed themselves to, by callback name; empty when none did.</summary>
    public IReadOnlyList<(string Callback, string Scope)> CallbackScopes =>
        Volatile.Read(ref _current)?.Generation?.Callbacks
            .Select(c => (c.Name, Scope: c.DescribeScope()))
            .Where(c => c.Scope is not null)
            .Select(c => (c.Name, c.Scope!))
            .ToArray() ?? [];

    /// <summary>What the plugin's <see cref="Registrar"/> reaches in the daemon (its connections, its log level).</summary>
    internal IRegistrarHost RegistrarHost { get; }

    /// <summary>
    /// Runs every matching callback on the event, in registration order, after any reload waiting to be swapped in.
    /// </summary>
    /// <param name="evt">The event.</param>
    /// <param name="cancellationToken">Cancelled when the daemon stops; handed to cancellable callbacks.</param>
    /// <returns>
    /// Handled, Failed (a stopOnError callback threw: the plugin is now inactive, the event is not handled), Inactive,
    /// or Abandoned (see <see cref="PluginOutcome.Abandoned"/>).
    /// </returns>
    /// <exception cref="OperationCanceledException">The daemon is stopping: the event is not handled.</exception>
    public async Task<PluginOutcome> ProcessAsync(ShotgunEvent evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var call = new PluginCall(evt.Id, _time.GetTimestamp());
        var swapped = false;
        try
        {
            swapped = ApplyPendingLocked();
            var generation = _current?.Generation;
            if (_removed || generation is null || _failure is not null)
            {
                Logger.Debug("Skipping event {0}: inactive.", evt.Id);
                return PluginOutcome.Inactive;
            }

            Volatile.Write(ref _call, call);
            var run = _runner.RunAsync(generation.Callbacks, evt, call, cancellationToken);
            var result = run.IsCompletedSuccessfully ? run.Result : await UnlessAbandonedAsync(run, call).ConfigureAwait(false);
            if (result is not { } done || !call.TryFinish())
            {
                return PluginOutcome.Abandoned;
            }

            if (done.Outcome == PluginOutcome.Failed)
            {
                Volatile.Write(ref _failure, done.Failure);
            }

            return done.Outcome;
        }
        finally
        {
            if (call.TryFinish())
            {
                Interlocked.CompareExchange(ref _call, null, call);
                _stuck = false;
                _gate.Release();
            }

            if (swapped)
            {
                Swapped?.Invoke(this);
            }
        }
    }

    /// <summary>
    /// Abandons the call in flight, if there is one: the event stays unhandled, the plugin is free for the next call,
    /// and the callback, which .NET cannot stop, runs on unobserved on its thread.
    /// </summary>
    /// <param name="why">Why, for the log line (for example "the daemon is stopping").</param>
    /// <returns>The call abandoned, or null when none was in flight.</returns>
    internal PluginCall? AbandonCall(string why)
    {
        var call = Volatile.Read(ref _call);
        if (call is null || !call.TryAbandon())
        {
            return null;
        }

        Interlocked.CompareExchange(ref _call, null, call);
        _stuck = false;
        Logger.Warn("Plugin {0}: abandoned callback {1} on event {2} after {3:0.#} s ({4}); .NET cannot stop it, so its thread is left " +
            "behind and runs on until the callback returns, if ever. The event is not marked handled.",
            Name, call.Callback ?? "(between callbacks)", call.EventId, _time.GetElapsedTime(call.StartedAt).TotalSeconds, why);
        _gate.Release();
        CallAbandoned?.Invoke(this, call);
        return call;
    }

    // The slow path of a call that did not finish synchronously: it can be abandoned while it waits.
    private static async Task<CallbackRunResult?> UnlessAbandonedAsync(ValueTask<CallbackRunResult> run, PluginCall call)
    {
        var task = run.AsTask();
        if (await Task.WhenAny(task, call.WhenAbandoned).ConfigureAwait(false) != task)
        {
            // Its end, whenever it comes, is nobody's business now; a failure must not go unobserved.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return null;
        }

        return await task.ConfigureAwait(false);
    }

    private void OnStuckChanged(bool stuck)
    {
        _stuck = stuck;
        // A fixed version is waiting for this call: a stuck call no longer gets the reload's grace.
        if (stuck && HasPending)
        {
            AbandonCall("it is stuck and a new version of the plugin is waiting");
        }
    }

    private bool HasPending
    {
        get
        {
            lock (_pendingLock)
            {
                return _pending is not null;
            }
        }
    }

    /// <summary>
    /// Queues a load result to be swapped in as soon as no event is in flight. A result queued earlier and not yet
    /// swapped in is dropped (unloaded): the newest file wins.
    /// </summary>
    /// <returns>A task that completes once the result is swapped in (or dropped).</returns>
    internal Task InstallAsync(PluginLoadState state)
    {
        PluginLoadState? superseded;
        lock (_pendingLock)
        {
            superseded = _pending;
            _pending = state;
        }

        if (superseded is not null)
        {
            Retire(superseded);
        }

        if (Volatile.Read(ref _call) is { } call)
        {
            if (_stuck)
            {
                AbandonCall("it is stuck and a new version of the plugin was loaded");
            }
            else
            {
                _ = AbandonAfterGraceAsync(call);
            }
        }

        return ApplyWhenIdleAsync();
    }

    private async Task AbandonAfterGraceAsync(PluginCall call)
    {
        await Task.Delay(_reloadGrace, _time).ConfigureAwait(false);
        if (ReferenceEquals(Volatile.Read(ref _call), call) && HasPending)
        {
            AbandonCall($"a new version of the plugin was loaded {_reloadGrace.TotalSeconds:0.#} s ago and this event had not finished");
        }
    }

    /// <summary>Marks the plugin removed (it takes no more events) and unloads it once no event is in flight.</summary>
    internal async Task RemoveAsync()
    {
        _removed = true;
        AbandonCall("the plugin is being unloaded");
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            PluginLoadState? pending;
            lock (_pendingLock)
            {
                pending = _pending;
                _pending = null;
            }

            if (pending is not null)
            {
                Retire(pending);
            }

            if (_current is not null)
            {
                Retire(_current);
            }
        }
        finally
        {
            _gate.Release();
        }

        SetLogLevel(null);
        await _connections.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => IsActive ? $"{Name} (active)" : $"{Name} (inactive: {InactiveReason})";

    private async Task ApplyWhenIdleAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        bool swapped;
        try
        {
            swapped = ApplyPendingLocked();
        }
        finally
        {
            _gate.Release();
        }

        if (swapped)
        {
            Swapped?.Invoke(this);
        }
    }

    // Called with _gate held: no event is in flight.
    private bool ApplyPendingLocked()
    {
        PluginLoadState? next;
        lock (_pendingLock)
        {
            next = _pending;
            _pending = null;
        }

        if (next is null)
        {
            return false;
        }

        if (_removed)
        {
            Retire(next);
            return false;
        }

        var previous = _current;
        Volatile.Write(ref _current, next);
        Volatile.Write(ref _failure, null);
        Interlocked.Increment(ref _generation);
        // What this load's registerCallbacks said, and nothing an older load said (it applied at once when called).
        SetLogLevel(next.Generation?.Registrar.LogLevel);
        if (previous is not null)
        {
            Retire(previous);
        }

        return true;
    }

    private void SetLogLevel(LogLevel? level)
    {
        // A reload's registerCallbacks and a swap may set it from two threads: one change at a time.
        lock (_logLevelGate)
        {
            if (Equals(_logLevel, level))
            {
                return;
            }

            PluginLogLevels.Apply(_options.LogFactory, LoggerName, _options.DaemonLogLevel, level);
            Volatile.Write(ref _logLevel, level);
        }
    }

    private void Retire(PluginLoadState state)
    {
        if (state.TakeGeneration() is { } generation)
        {
            var contextName = generation.ContextName;
            _tracker.Track(Name, contextName, generation.Unload(), Logger);
        }
    }
}
