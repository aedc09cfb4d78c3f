using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using NLog;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// SIGHUP reloads every plugin; a second SIGTERM/SIGINT while stopping exits at once (the first is the host's:
/// finish the events in hand, checkpoint, exit 0).
/// </summary>
internal sealed class SignalHandlers : IDisposable
{
    private static readonly Logger Log = LogManager.GetLogger(LoggerNames.Engine);

    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _stopSignals;

    public SignalHandlers(IHostApplicationLifetime lifetime, EventEngine engine)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                Log.Info("SIGHUP: reloading every plugin.");
                _ = ReloadAsync(engine, lifetime.ApplicationStopping);
            }));
        }

        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                Log.Debug("Received {0}.", context.Signal);
                if (Interlocked.Increment(ref _stopSignals) > 1)
                {
                    Log.Warn("Second stop signal: exiting now, without waiting for plugins. The last checkpoint stands.");
                    LogManager.Flush(TimeSpan.FromSeconds(1));
                    Environment.Exit(ExitCodesForSignals.Immediate);
                }
            }));
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static async Task ReloadAsync(EventEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            await engine.ReloadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: nothing to reload.
        }
    }
}
