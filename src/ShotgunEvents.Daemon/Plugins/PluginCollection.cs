using System.Security;
using NLog;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Compilation;
using ShotgunEvents.Daemon.Plugins.Loading;
using ShotgunEvents.Daemon.Plugins.Watching;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>
/// One plugin directory: every <c>*.csx</c> file directly in it (names starting with a dot are ignored), loaded in
/// ordinal file-name order, then kept in step with the files: edited, created, deleted and renamed plugins, and
/// changed <c>#load</c>ed files and <c>#r</c>'d DLLs. A directory that vanishes or cannot be read is logged and
/// retried; the plugins already loaded keep running meanwhile.
/// </summary>
internal sealed class PluginCollection : IAsyncDisposable
{
    private readonly PluginHostOptions _options;
    private readonly PluginLoader _loader;
    private readonly ICallbackConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly Func<string, bool>? _owns;
    private readonly Logger _log;
    private readonly SemaphoreSlim _scanLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, PluginEntry> _plugins = new(StringComparer.Ordinal);
    private readonly List<Task> _removals = [];
    private Plugin[] _snapshot = [];
    private PluginDirectoryWatcher? _watcher;
    private Task? _preload;
    private int _scanQueued;
    private int _scanCount;
    private bool _scannedOnce;
    private bool _directoryUnavailable;
    private bool _disposed;

    /// <summary>Creates the collection; nothing is read until <see cref="LoadAsync"/>.</summary>
    /// <param name="directory">The plugin directory.</param>
    /// <param name="options">How plugins are loaded and run.</param>
    /// <param name="compiler">The compiler (and its cache).</param>
    /// <param name="connections">The callbacks' site connections.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="owns">
    /// Which plugins, by name, are this daemon's (its shard's); the files of the others are not plugins here, as if absent.
    /// Null: every file.
    /// </param>
    public PluginCollection(string directory, PluginHostOptions options, PluginCompiler compiler, ICallbackConnectionFactory connections,
        TimeProvider timeProvider, Func<string, bool>? owns = null)
    {
        _owns = owns;
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        _options = options;
        _loader = new PluginLoader(options, compiler, options.LogFactory.GetLogger(LoggerNames.Engine));
        _connections = connections;
        _time = timeProvider;
        _log = options.LogFactory.GetLogger(LoggerNames.Engine);
    }

    /// <summary>A plugin appeared after <see cref="LoadAsync"/> (a new file; it may be inactive if it did not compile).</summary>
    public event Action<Plugin>? PluginAdded;

    /// <summary>A plugin's file is gone (deleted or renamed); the plugin takes no more events.</summary>
    public event Action<Plugin>? PluginRemoved;

    /// <summary>A plugin was reloaded and the new version (or the failed load: see <see cref="Plugin.IsActive"/>) swapped in.</summary>
    public event Action<Plugin>? PluginReloaded;

    /// <summary>The directory's full path.</summary>
    public string Directory { get; }

    /// <summary>The plugins, inactive ones included, in ordinal file-name order. A snapshot: it never changes after it is read.</summary>
    public IReadOnlyList<Plugin> Plugins => Volatile.Read(ref _snapshot);

    /// <summary>Old generations being watched until they are collected.</summary>
    internal UnloadTracker UnloadTracker { get; } = new();

    /// <summary>How many scans have finished (including ones that found the directory unreadable).</summary>
    internal int ScanCount => Volatile.Read(ref _scanCount);

    /// <summary>The watcher, once <see cref="StartWatching"/> ran.</summary>
    internal PluginDirectoryWatcher? Watcher => _watcher;

    /// <summary>
    /// Loads every plugin of the directory, one after another (parallel compiles are slower on few cores). After
    /// <see cref="StartLoading"/> it waits for that load instead, then rescans once (a few file stats), so a file
    /// changed while the load ran ahead is seen exactly as if the load had started here.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _preload, null) is { } preload)
        {
            await preload.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await RescanAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the first load on the thread pool, so that <c>run</c> loads the plugins while it builds the host; the
    /// next <see cref="LoadAsync"/> waits for it. The load starts after <paramref name="after"/> (the previous
    /// collection's), so the log lines keep the configured order.
    /// </summary>
    /// <param name="after">What must finish first (its failure is reported by its own <see cref="LoadAsync"/>), or null.</param>
    /// <returns>The load.</returns>
    public Task StartLoading(Task? after = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var load = Task.Run(async () =>
        {
            if (after is not null)
            {
                await after.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await RescanAsync(_stopping.Token).ConfigureAwait(false);
        });
        Volatile.Write(ref _preload, load);
        return load;
    }

    /// <summary>Starts following changes: the file-system watcher and the periodic rescan.</summary>
    public void StartWatching()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _watcher ??= new PluginDirectoryWatcher(Directory, _options, _time, RequestScan, _log);
    }

    /// <summary>Reloads every plugin, changed or not (SIGHUP); returns once every reload is swapped in.</summary>
    public async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        List<Task> swaps;
        await _scanLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            swaps = await ScanLockedAsync(force: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scanLock.Release();
        }

        await Task.WhenAll(swaps).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Looks for changes now (what the watcher and the rescan timer trigger).</summary>
    internal async Task RescanAsync(CancellationToken cancellationToken)
    {
        await _scanLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ScanLockedAsync(force: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scanLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _watcher?.Dispose();
        await _scanLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _removals.AddRange(_plugins.Values.Select(entry => entry.Plugin.RemoveAsync()));
            _plugins.Clear();
            Volatile.Write(ref _snapshot, []);
            await Task.WhenAll(_removals).ConfigureAwait(false);
        }
        finally
        {
            _scanLock.Release();
        }

        _stopping.Dispose();
    }

    private void RequestScan()
    {
        // Coalesce: one scan waiting behind the running one is enough, it sees every change made until it starts.
        if (Interlocked.Exchange(ref _scanQueued, 1) == 0)
        {
            _ = Task.Run(RunQueuedScanAsync);
        }
    }

    private async Task RunQueuedScanAsync()
    {
        try
        {
            await _scanLock.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                Volatile.Write(ref _scanQueued, 0);
                await ScanLockedAsync(force: false, _stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                _scanLock.Release();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // A timer fired while the collection was being disposed.
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _scanQueued, 0);
            _log.Error(ex, "Scanning plugin directory {0} failed; trying again at the next change or rescan.", Directory);
        }
    }

    // With _scanLock held. Returns the pending swaps of reloaded plugins (a swap waits for the plugin's event in flight).
    private async Task<List<Task>> ScanLockedAsync(bool force, CancellationToken cancellationToken)
    {
        try
        {
            return await ScanCoreAsync(force, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _scanCount);
        }
    }

    private async Task<List<Task>> ScanCoreAsync(bool force, CancellationToken cancellationToken)
    {
        UnloadTracker.Sweep();
        var swaps = new List<Task>();
        if (!TryListPluginFiles(out var files))
        {
            _watcher?.DirectoryUnavailable();
            return swaps;
        }

        var raiseEvents = _scannedOnce;
        var present = files.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var removed = new List<Plugin>();
        foreach (var (name, entry) in _plugins.ToArray())
        {
            if (!present.Contains(name!))
            {
                _plugins.Remove(name);
                _log.Info("Plugin {0} removed: {1} is gone.", name, entry.Plugin.FilePath);
                _removals.RemoveAll(t => t.IsCompleted);
                _removals.Add(entry.Plugin.RemoveAsync());
                removed.Add(entry.Plugin);
            }
        }

        var added = new List<Plugin>();
        foreach (var path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileNameWithoutExtension(path);
            if (!_plugins.TryGetValue(name, out var entry))
            {
                var plugin = new Plugin(path, Directory, _options, _connections, _time, UnloadTracker);
                _log.Info("Loading plugin at {0}", path);
                var fingerprint = await LoadIntoAsync(plugin).ConfigureAwait(false);
                plugin.Swapped += OnPluginSwapped;
                _plugins[name] = new PluginEntry(plugin, fingerprint);
                added.Add(plugin);
            }
            else if (force || entry.HasChanged())
            {
                _log.Info("Reloading plugin at {0}", path);
                var result = await _loader.LoadAsync(entry.Plugin).ConfigureAwait(false);
                entry.Fingerprint = result.Fingerprint;
                swaps.Add(entry.Plugin.InstallAsync(result.State));
            }
        }

        Volatile.Write(ref _snapshot, [.. _plugins.Values.Select(e => e.Plugin).OrderBy(p => Path.GetFileName(p.FilePath), StringComparer.Ordinal)]);
        _scannedOnce = true;
        if (raiseEvents)
        {
            removed.ForEach(p => Raise(PluginRemoved, p, nameof(PluginRemoved)));
            added.ForEach(p => Raise(PluginAdded, p, nameof(PluginAdded)));
        }

        return swaps;
    }

    private async Task<IReadOnlyList<FileStamp>> LoadIntoAsync(Plugin plugin)
    {
        var result = await _loader.LoadAsync(plugin).ConfigureAwait(false);
        // Nobody has the plugin yet, so nothing is in flight: this swaps at once.
        await plugin.InstallAsync(result.State).ConfigureAwait(false);
        return result.Fingerprint;
    }

    private bool TryListPluginFiles(out List<string> files)
    {
        try
        {
            files = [.. System.IO.Directory.EnumerateFiles(Directory)
                .Where(IsPluginFile)
                .Where(f => _owns is null || _owns(Path.GetFileNameWithoutExtension(f)))
                .OrderBy(Path.GetFileName, StringComparer.Ordinal)];
            if (_directoryUnavailable)
            {
                _directoryUnavailable = false;
                _log.Info("Plugin directory {0} is readable again.", Directory);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            files = [];
            if (!_directoryUnavailable)
            {
                _directoryUnavailable = true;
                _log.Error("Plugin directory {0} cannot be read ({1}). The {2} plugin(s) already loaded from it keep running; retrying every {3}.",
                    Directory, ex.Message, _plugins.Count, _options.RescanInterval);
            }
            else
            {
                _log.Debug("Plugin directory {0} still cannot be read ({1}).", Directory, ex.Message);
            }

            return false;
        }
    }

    private static bool IsPluginFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".csx", StringComparison.Ordinal) && !name.StartsWith('.');
    }

    private void OnPluginSwapped(Plugin plugin) => Raise(PluginReloaded, plugin, nameof(PluginReloaded));

    private void Raise(Action<Plugin>? handler, Plugin plugin, string what)
    {
        try
        {
            handler?.Invoke(plugin);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "A {0} handler failed for plugin {1}.", what, plugin.Name);
        }
    }
}
