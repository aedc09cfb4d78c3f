using NLog;

namespace ShotgunEvents.Daemon.Plugins.Watching;

/// <summary>
/// Tells a plugin collection when to look for changes: a file-system watcher on the directory (debounced, so a
/// save that writes several times compiles once) plus a periodic rescan that catches what watchers miss (network
/// shares, files <c>#load</c>ed from elsewhere, a watcher that died). Never throws: problems are logged and retried.
/// </summary>
internal sealed class PluginDirectoryWatcher : IDisposable
{
    private readonly string _directory;
    private readonly PluginHostOptions _options;
    private readonly Action _requestScan;
    private readonly Logger _log;
    private readonly ITimer _debounce;
    private readonly ITimer _rescan;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private bool _disposed;
    private bool _failureLogged;
    private int _eventCount;

    public PluginDirectoryWatcher(string directory, PluginHostOptions options, TimeProvider time, Action requestScan, Logger log)
    {
        _directory = directory;
        _options = options;
        _requestScan = requestScan;
        _log = log;
        _debounce = time.CreateTimer(static state => ((PluginDirectoryWatcher)state!)._requestScan(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // A zero or negative interval turns the rescan off (the watcher alone then reports changes).
        var interval = options.RescanInterval > TimeSpan.Zero ? options.RescanInterval : Timeout.InfiniteTimeSpan;
        _rescan = time.CreateTimer(static state => ((PluginDirectoryWatcher)state!).OnRescanTick(), this, interval, interval);
        if (options.WatchFileSystem)
        {
            TryStartWatcher();
        }
    }

    /// <summary>True while a file-system watcher is running.</summary>
    public bool IsWatching
    {
        get
        {
            lock (_gate)
            {
                return _watcher is not null;
            }
        }
    }

    /// <summary>File-system events seen so far.</summary>
    public int EventCount => Volatile.Read(ref _eventCount);

    /// <summary>The directory could not be listed: drop the watcher, it is restarted once the directory is back.</summary>
    public void DirectoryUnavailable() => StopWatcher();

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _debounce.Dispose();
        _rescan.Dispose();
        StopWatcher();
    }

    private void OnRescanTick()
    {
        if (_options.WatchFileSystem && !IsWatching)
        {
            TryStartWatcher();
        }

        _requestScan();
    }

    private void TryStartWatcher()
    {
        lock (_gate)
        {
            if (_disposed || _watcher is not null || !Directory.Exists(_directory))
            {
                return;
            }

            FileSystemWatcher? watcher = null;
            try
            {
                // Subdirectories too: #load'ed helpers often live in lib/ beside the plugins.
                watcher = new FileSystemWatcher(_directory)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                                   | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                _failureLogged = false;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                watcher?.Dispose();
                if (!_failureLogged)
                {
                    _failureLogged = true;
                    _log.Warn("Cannot watch plugin directory {0} ({1}); changes are picked up by the rescan every {2} instead.",
                        _directory, ex.Message, _options.RescanInterval);
                }
            }
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        Interlocked.Increment(ref _eventCount);
        _debounce.Change(_options.Debounce > TimeSpan.Zero ? _options.Debounce : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        _log.Warn("The watcher on plugin directory {0} failed ({1}); rescanning, and relying on the rescan every {2} until it restarts.",
            _directory, e.GetException().Message, _options.RescanInterval);
        StopWatcher();
        _requestScan();
    }

    private void StopWatcher()
    {
        FileSystemWatcher? watcher;
        lock (_gate)
        {
            watcher = _watcher;
            _watcher = null;
        }

        watcher?.Dispose();
    }
}
