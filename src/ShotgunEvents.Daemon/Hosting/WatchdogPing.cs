using Microsoft.Extensions.Hosting.Systemd;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// The systemd watchdog (<c>WatchdogSec=</c> in the unit): the poll loop pings it after every successful cycle, at most
/// once a second, so a daemon whose poll loop stalls (or that stopped reading a site it can reach) is restarted by
/// systemd. Only when systemd asked for it (<c>WATCHDOG_USEC</c> set and a notify socket). Thread-safe: the time of the
/// last ping is swapped atomically.
/// </summary>
internal sealed class WatchdogPing(ISystemdNotifier notifier, TimeProvider time)
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private long _last = long.MinValue;

    /// <summary>True when systemd watches this process (the unit has <c>WatchdogSec=</c>).</summary>
    public static bool Requested => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WATCHDOG_USEC"));

    /// <summary>Pings, unless it did less than a second ago.</summary>
    public void Pulse()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _last);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < Every)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _last, now, last) == last && notifier.IsEnabled)
        {
            notifier.Notify(Ping);
        }
    }
}
