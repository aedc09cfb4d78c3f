using NLog;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// Answers <c>shotgun-events reload</c> in a running daemon: it watches for the request file beside the state file (a
/// file-system watcher, and a rescan every few seconds for file systems without change events), removes it, reloads
/// every plugin as SIGHUP does, and writes the answer.
/// </summary>
/// <remarks>
/// Mutable state: <see cref="_busy"/>, taken by whichever thread (watcher event or timer) finds a request first;
/// the reload itself runs on the thread pool, one at a time.
/// </remarks>
internal sealed class ReloadRequestWatcher : IDisposable
{
    private static readonly Logger Log = LogManager.GetLogger(LoggerNames.Engine);

    private readonly string _stateFile;
    private readonly Func<CancellationToken, Task<string>> _reload;
    private readonly CancellationToken _stopping;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _rescan;
    private int _busy;

    /// <summary>Starts watching.</summary>
    /// <param name="stateFile">The daemon's state file: the request is looked for beside it.</param>
    /// <param name="reload">Reloads every plugin and says what it did, in one line.</param>
    /// <param name="time">The clock of the rescan.</param>
    /// <param name="stopping">Cancelled when the daemon stops.</param>
    public ReloadRequestWatcher(string stateFile, Func<CancellationToken, Task<string>> reload, TimeProvider time, CancellationToken stopping)
    {
        _stateFile = Path.GetFullPath(stateFile);
        _reload = reload;
        _stopping = stopping;
        var directory = Path.GetDirectoryName(_stateFile)!;
        Directory.CreateDirectory(directory);
        try
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(ReloadRequests.RequestPath(_stateFile)));
            _watcher.Created += (_, _) => Check();
            _watcher.Changed += (_, _) => Check();
            _watcher.Renamed += (_, _) => Check();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No change events here (inotify limits, some network shares): the rescan alone answers, a little later.
            Log.Debug("Reload requests are found by rescan only: {0}", ex.Message);
            _watcher = null;
        }

        _rescan = time.CreateTimer(_ => Check(), null, RescanInterval, RescanInterval);
    }

    /// <summary>Answers for <paramref name="runtime"/>: its engine reloads every plugin, as SIGHUP does.</summary>
    public static ReloadRequestWatcher For(DaemonRuntime runtime, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new ReloadRequestWatcher(runtime.Settings.Daemon.EventIdFile, async cancellationToken =>
        {
            await runtime.Engine.ReloadAllAsync(cancellationToken).ConfigureAwait(false);
            var plugins = runtime.Collections.SelectMany(c => c.Collection.Plugins).ToList();
            var inactive = plugins.Where(p => !p.IsActive).Select(p => p.Name).ToList();
            return $"{plugins.Count} plugin(s) reloaded, {plugins.Count - inactive.Count} active" +
                   (inactive.Count == 0 ? "." : $"; inactive: {string.Join(", ", inactive)} (the daemon's log says why).");
        }, runtime.TimeProvider, stopping);
    }

    /// <summary>How often the request file is looked for without a change event.</summary>
    public static TimeSpan RescanInterval { get; } = TimeSpan.FromSeconds(2);

    public void Dispose()
    {
        _watcher?.Dispose();
        _rescan.Dispose();
    }

    private void Check()
    {
        if (_stopping.IsCancellationRequested || !File.Exists(ReloadRequests.RequestPath(_stateFile))
            || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(AnswerAsync);
    }

    private async Task AnswerAsync()
    {
        try
        {
            var request = ReloadRequests.RequestPath(_stateFile);
            var id = ReadId(request);
            File.Delete(request);
            Log.Info("Reload asked (shotgun-events reload): reloading every plugin.");
            var summary = await _reload(_stopping).ConfigureAwait(false);
            // Written whole, then renamed: the asking command never reads half an answer.
            var answer = ReloadRequests.AnswerPath(_stateFile);
            var temp = answer + ".tmp";
            await File.WriteAllTextAsync(temp, id + "\n" + summary + "\n", CancellationToken.None).ConfigureAwait(false);
            File.Move(temp, answer, overwrite: true);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the command is told the daemon stopped by the missing answer.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Error("A reload request beside {0} could not be answered: {1}", _stateFile, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static string ReadId(string request)
    {
        try
        {
            var text = File.ReadAllText(request).Trim();
            return text.Length == 0 ? ReloadRequests.UnknownId : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's file (root asked for a daemon running as its own user): the reload goes ahead all the same.
            return ReloadRequests.UnknownId;
        }
    }
}
