using Microsoft.Extensions.Hosting;
using NLog;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>The engine as a hosted service: systemd readiness, SIGTERM/SIGINT and the host's shutdown come with it.</summary>
internal sealed class DaemonService(EventEngine engine, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly Logger Log = LogManager.GetLogger(LoggerNames.Engine);

    /// <summary>The error that ended the engine, if one did (the command then exits 1).</summary>
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await engine.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A stop during start-up (for example while waiting for the site): nothing was running yet.
        }
        catch (Exception ex)
        {
            Failure = ex;
            Log.Fatal(ex, "The daemon stopped on an unexpected error: {0}", ex.Message);
            lifetime.StopApplication();
        }
    }
}
