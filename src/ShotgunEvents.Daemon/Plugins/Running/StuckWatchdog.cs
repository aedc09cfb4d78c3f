namespace ShotgunEvents.Daemon.Plugins.Running;

/// <summary>
/// Fires once if a callback is still running after the timeout. A timer, not a wait on the callback, so it also
/// catches a synchronous callback that blocks its thread.
/// </summary>
internal sealed class StuckWatchdog : IDisposable
{
    private readonly Action _onStuck;
    private readonly ITimer _timer;
    private int _fired;

    public StuckWatchdog(TimeProvider time, TimeSpan timeout, Action onStuck)
    {
        _onStuck = onStuck;
        _timer = time.CreateTimer(static state => ((StuckWatchdog)state!).Fire(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once the timeout passed while the callback ran.</summary>
    public bool Fired => Volatile.Read(ref _fired) == 1;

    /// <summary>Stops the watch; after this returns the watchdog never fires.</summary>
    public void Dispose()
    {
        // 0 = watching, 1 = fired, 2 = stopped: whichever of Fire and Dispose comes first wins.
        Interlocked.CompareExchange(ref _fired, 2, 0);
        _timer.Dispose();
    }

    private void Fire()
    {
        if (Interlocked.CompareExchange(ref _fired, 1, 0) == 0)
        {
            _onStuck();
        }
    }
}
