using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NLog;
using NLog.Extensions.Logging;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Shards;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>run</c>: the daemon in the foreground, under the .NET Generic Host (systemd-aware).</summary>
internal static class RunCommand
{
    /// <summary>Runs the daemon until it is stopped.</summary>
    /// <param name="options">The command line.</param>
    /// <param name="warmUp">The head start begun at <c>Main</c>'s first line, or null.</param>
    public static async Task<int> RunAsync(RunOptions options, StartupWarmUp? warmUp = null)
    {
        var settings = SettingsLoader.Load(options.Config, options.Shard);
        // Off this thread: deciding whether a compiler warm-up is needed reads every plugin's cache entry (~20 ms for 20).
        _ = Task.Run(() => CompilerWarmUp.StartUnlessCached(settings.Plugins.Paths.Select(p => p.FullPath),
            settings.Daemon.CompileCacheDirectory));
        await using var alerts = AlertsBootstrap.Start(settings);
        _ = warmUp?.WaitForLogging();
        var logging = LoggingBootstrap.Apply(settings, alerts?.Target);
        var log = LogManager.GetLogger(LoggerNames.Engine);
        foreach (var line in StartupBanner.Lines(settings, logging, settings.Shards.Shard?.ToString()))
        {
            log.Info(line);
        }

        foreach (var warning in settings.Warnings)
        {
            log.Warn(warning.ToString());
        }

        using var stateLock = StateLock.Acquire(settings.Daemon.EventIdFile);
        ShardStateLayout.EnsureMatches(settings);
        using var pid = PidFile.Acquire(settings.Daemon.PidFile);
        if (options.ResetState)
        {
            StateReset.Reset(settings.Daemon.EventIdFile, log);
        }

        // A corrupt or foreign state file is a one-line error before anything starts, not a failure inside the host.
        _ = new StateFile(settings.Daemon.EventIdFile).Load();
        if (options.DryRun)
        {
            log.Warn("--dry-run: plugins' writes are logged as [dry-run] lines and not sent; reads go to the site.");
        }

        await using var runtime = await DaemonRuntime.CreateAsync(settings, new RuntimeFlags { DryRun = options.DryRun }, CancellationToken.None)
            .ConfigureAwait(false);
        // The plugins load on the spare core while this thread builds the host (both mostly JIT work on a warm start);
        // started first, because the load is the longer path to the first poll and the prefetch below runs its first
        // part (the HTTP stack's JIT) on this thread.
        runtime.StartLoadingPlugins();
        // The site's info (the first read needs its page size) is fetched while the host starts and the plugins load:
        // the HTTP stack's first use and the round trip then overlap the start instead of preceding the first poll.
        _ = runtime.Pool.PrefetchSiteInfo();
        alerts?.UsePluginRecipients(runtime.PluginRecipients);
        using var host = DaemonHost.Build(runtime, builder =>
        {
            builder.Services.AddSystemd();
            // A Windows service under the service control manager (sc.exe; README): its stop is the host's stop, as SIGTERM.
            builder.Services.AddWindowsService(o => o.ServiceName = "ShotgunEvents");
            // The host's own start/stop chatter ("Content root path: ...") says nothing a TD needs; the engine logs its own.
            // NLog drops Microsoft.Extensions.Logging filters unless told to keep them.
            builder.Logging.AddNLog(new NLogProviderOptions { RemoveLoggerFactoryFilter = false });
            builder.Logging.AddFilter("Microsoft", Microsoft.Extensions.Logging.LogLevel.Warning);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownBudget.HostTimeout(settings.Daemon.ShutdownTimeout));
        });
        var service = host.Services.GetRequiredService<DaemonService>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var signals = new SignalHandlers(lifetime, runtime.Engine);
        // Never disposed: the backstop thread may still look at it after this method returns.
        var finished = new ManualResetEventSlim();
        using var backstop = lifetime.ApplicationStopping.Register(() => StartExitBackstop(settings.Daemon.ShutdownTimeout, finished, runtime.Engine, log));
        using var watchdog = SystemdWatchdog.FromEnvironment(TimeProvider.System);
        if (watchdog.Enabled)
        {
            runtime.Engine.Polled += () => watchdog.Ping();
        }

        using var reloads = ReloadRequestWatcher.For(runtime, lifetime.ApplicationStopping);
        // After the plugins are compiled: on a first run the editor files' own compile must not delay the first events.
        _ = runtime.Engine.Started.ContinueWith(_ => RefreshEditorSupport(settings, log), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        if (settings.Http.Enabled)
        {
            _ = runtime.Engine.Started.ContinueWith(_ => log.Info("HTTP listener on {0} (/ /healthz /readyz /metrics /api/status{1}).",
                    DaemonHost.ListenAddress(host), settings.Http.Webhook ? " /webhook" : ""), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        await host.RunAsync().ConfigureAwait(false);
        LogManager.Flush(TimeSpan.FromSeconds(1));
        var code = ExitCode(service.Failure, runtime.Engine);
        // The disposals after this (plugin unloads, the embedded site) stay under the backstop too.
        await runtime.DisposeAsync().ConfigureAwait(false);
        finished.Set();
        return code;
    }

    /// <summary>0: stopped with the state written; 1: the engine failed, or the state could not be written at the stop.</summary>
    private static int ExitCode(Exception? failure, EventEngine engine) =>
        failure is null && engine.StopResult?.Written != false ? ExitCodes.Ok : ExitCodes.Failure;

    /// <summary>
    /// Whatever a callback or a disposal does, the process ends within <see cref="ShutdownBudget.HardExit"/> of the stop
    /// signal: .NET cannot stop a thread, and a callback that ignores its token would otherwise keep the process alive.
    /// </summary>
    private static void StartExitBackstop(TimeSpan shutdownTimeout, ManualResetEventSlim finished, EventEngine engine, Logger log)
    {
        var limit = ShutdownBudget.HardExit(shutdownTimeout);
        // Its own thread: callbacks stuck on every pool thread must not delay it.
        var thread = new Thread(() =>
        {
            if (finished.Wait(limit))
            {
                return;
            }

            log.Error("Still running {0:0.#} s after the stop signal (shutdown_timeout + {1:0.#} s); exiting now.", limit.TotalSeconds,
                (limit - shutdownTimeout).TotalSeconds);
            LogManager.Flush(TimeSpan.FromSeconds(1));
            Environment.Exit(ExitCode(null, engine));
        })
        {
            IsBackground = true,
            Name = "exit backstop",
        };
        thread.Start();
    }

    /// <summary>Keeps the editor files of the plugin directories that use them in step with this daemon binary.</summary>
    private static void RefreshEditorSupport(DaemonSettings settings, Logger log)
    {
        foreach (var path in settings.Plugins.Paths.Where(p => File.Exists(Path.Combine(p.FullPath, "omnisharp.json"))))
        {
            try
            {
                if (EditorSupport.Refresh(path.FullPath))
                {
                    log.Info("Editor support written to {0} (IntelliSense for its plugins; see the README).",
                        Path.Combine(path.FullPath, EditorSupport.DirectoryName));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.Debug("Editor support not written to {0}: {1}", path.FullPath, ex.Message);
            }
        }
    }
}
