using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// systemd's watchdog (<c>WatchdogSec=</c> in the unit): <see cref="Ping"/> sends <c>WATCHDOG=1</c> to
/// <c>$NOTIFY_SOCKET</c>, at most twice per watchdog period whatever the caller's rate. The engine calls it from its
/// poll loop, so a daemon whose loop hangs stops pinging and systemd restarts it; a daemon that merely waits for a slow
/// site keeps polling, and pinging. Does nothing outside a unit with a watchdog (no <c>WATCHDOG_USEC</c>, or a
/// <c>WATCHDOG_PID</c> that is not this process).
/// </summary>
/// <remarks>Mutable state (<see cref="_lastPing"/>): the calling loop's, one caller at a time.</remarks>
internal sealed class SystemdWatchdog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private readonly byte[] _message = Encoding.ASCII.GetBytes("WATCHDOG=1");
    private long? _lastPing;

    /// <summary>Reads the watchdog settings systemd passes in the environment.</summary>
    /// <param name="env">Reads one environment variable (<c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c>, <c>WATCHDOG_PID</c>).</param>
    /// <param name="time">The clock that spaces the pings.</param>
    /// <param name="processId">This process's id, compared with <c>WATCHDOG_PID</c>.</param>
    public SystemdWatchdog(Func<string, string?> env, TimeProvider time, int processId)
    {
        ArgumentNullException.ThrowIfNull(env);
        _time = time;
        var socket = env("NOTIFY_SOCKET");
        var usec = env("WATCHDOG_USEC");
        var pid = env("WATCHDOG_PID");
        if (string.IsNullOrEmpty(socket) || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            || microseconds <= 0 || (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture)))
        {
            return;
        }

        Period = TimeSpan.FromMicroseconds(microseconds);
        // "@name" is an abstract socket (no file): its address starts with a NUL byte.
        _endPoint = new UnixDomainSocketEndPoint(socket[0] == '@' ? "\0" + socket[1..] : socket);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>The watchdog of this process, from its environment.</summary>
    public static SystemdWatchdog FromEnvironment(TimeProvider time) =>
        new(Environment.GetEnvironmentVariable, time, Environment.ProcessId);

    /// <summary>True when systemd expects pings from this process.</summary>
    public bool Enabled => _socket is not null;

    /// <summary><c>WatchdogSec=</c>: systemd restarts the daemon when no ping came for this long (zero when off).</summary>
    public TimeSpan Period { get; }

    /// <summary>
    /// Tells systemd the daemon is alive. Cheap when called often: a datagram is sent only when half a period passed
    /// since the last one. Errors (systemd gone, socket refused) are ignored: the watchdog is systemd's check, not ours.
    /// </summary>
    /// <returns>True when a ping was sent.</returns>
    public bool Ping()
    {
        if (_socket is null)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        if (_lastPing is { } last && _time.GetElapsedTime(last, now) < Period / 2)
        {
            return false;
        }

        try
        {
            _socket.SendTo(_message, _endPoint!);
            _lastPing = now;
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
