using System.Diagnostics;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>
/// The daemon inside the harness process, put together exactly as <c>shotgun-events run</c> does: the config file
/// through <see cref="SettingsLoader"/>, the parts through <see cref="DaemonRuntime"/>, and
/// <see cref="EventEngine.RunAsync"/> (what the run verb's hosted service calls). Only the Generic Host around it and
/// the log targets are left out.
/// </summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    private InProcessDaemon(DaemonRuntime runtime) => Runtime = runtime;

    public DaemonRuntime Runtime { get; }

    public EventEngine Engine => Runtime.Engine;

    /// <summary>When <see cref="EventEngine.Started"/> was seen (Stopwatch ticks): every plugin loaded, the poller starting.</summary>
    public long StartedAt { get; private set; }

    public static async Task<InProcessDaemon> CreateAsync(string iniPath)
    {
        var settings = SettingsLoader.Load(iniPath);
        var runtime = await DaemonRuntime.CreateAsync(settings, new RuntimeFlags { EmbeddedActivity = false }, CancellationToken.None)
            .ConfigureAwait(false);
        return new InProcessDaemon(runtime);
    }

    /// <summary>Runs the engine and waits until it has started (plugins loaded, lanes running).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        _run = Task.Run(() => Engine.RunAsync(_stopping.Token));
        var first = await Task.WhenAny(Engine.Started, _run, Task.Delay(timeout)).ConfigureAwait(false);
        StartedAt = Stopwatch.GetTimestamp();
        if (first == _run)
        {
            await _run.ConfigureAwait(false);
            throw new InvalidOperationException("The engine stopped before it started.");
        }

        if (first != Engine.Started)
        {
            throw new TimeoutException($"The engine did not start within {timeout}.");
        }
    }

    /// <summary>Waits (polling every millisecond) until <paramref name="condition"/> holds.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, int pollMilliseconds = 1)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (_run is { IsCompleted: true })
            {
                await _run.ConfigureAwait(false);
                throw new InvalidOperationException($"The engine stopped while waiting for {what}.");
            }

            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(pollMilliseconds).ConfigureAwait(false);
        }
    }

    /// <summary>Stops gracefully (the engine's own shutdown) and disposes the runtime.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped while starting.
            }
        }

        await Runtime.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
