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
internal sealed class Plugin
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private readonly UnloadTracker _tracker;
    private readonly PluginConnections _connections;
    private readonly CallbackRunner _runner;
    private readonly PluginHostOptions _options;
    private readonly Lock _logLevelGate = new();
    private LogLevel? _logLevel;
    private PluginLoadState? _current;
    private PluginLoadState? _pending;
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
        _runner = new CallbackRunner(Name, options, timeProvider, _connections, Logger, stuck => _stuck = stuck, Skips);
        RegistrarHost = new RegistrarHost(_connections, SetLogLevel);
    }

    /// <summary>Raised after a new generation (or a failed load) has been swapped in.</summary>
    internal event Action<Plugin>? Swapped;

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

    /// <summary>How many (re)loads have been swapped in, failed ones included; 1 after the first load.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>True while a callback runs past <see cref="PluginHostOptions.CallbackTimeout"/>.</summary>
    public bool IsStuck => _stuck;

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
    /// <returns>Handled, Failed (a stopOnError callback threw: the plugin is now inactive, the event is not handled) or Inactive.</returns>
    /// <exception cref="OperationCanceledException">The daemon is stopping: the event is not handled.</exception>
    public async Task<PluginOutcome> ProcessAsync(ShotgunEvent evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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

            var result = await _runner.RunAsync(generation.Callbacks, evt, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == PluginOutcome.Failed)
            {
                Volatile.Write(ref _failure, result.Failure);
            }

            return result.Outcome;
        }
        finally
        {
            _stuck = false;
            _gate.Release();
            if (swapped)
            {
                Swapped?.Invoke(this);
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

        return ApplyWhenIdleAsync();
    }

    /// <summary>Marks the plugin removed (it takes no more events) and unloads it once no event is in flight.</summary>
    internal async Task RemoveAsync()
    {
        _removed = true;
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
