using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Tests.Daemon.Hosting;

/// <summary>The watchdog ping over a real Unix datagram socket, as systemd's notify socket receives it.</summary>
public sealed class SystemdWatchdogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sge-notify-").FullName;
    private readonly Socket _systemd = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly FakeTimeProvider _time = new();

    public SystemdWatchdogTests()
    {
        SocketPath = Path.Combine(_directory, "notify");
        _systemd.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _systemd.ReceiveTimeout = 10_000;
    }

    private string SocketPath { get; }

    [Fact]
    public void Ping_WatchdogOfTwoSeconds_SendsWatchdog1AtMostOncePerSecond()
    {
        using var watchdog = new SystemdWatchdog(Env(("NOTIFY_SOCKET", SocketPath), ("WATCHDOG_USEC", "2000000"), ("WATCHDOG_PID", Pid)), _time, Environment.ProcessId);

        Assert.True(watchdog.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(2), watchdog.Period);
        Assert.True(watchdog.Ping());
        Assert.Equal("WATCHDOG=1", Receive());

        Assert.False(watchdog.Ping());
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(watchdog.Ping());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(watchdog.Ping());
        Assert.Equal("WATCHDOG=1", Receive());
        Assert.Equal(0, _systemd.Available);
    }

    [Theory]
    [InlineData(null, "2000000", null)]
    [InlineData("SOCKET", null, null)]
    [InlineData("SOCKET", "0", null)]
    [InlineData("SOCKET", "2000000", "1")]
    public void Ping_NoWatchdogForThisProcess_SendsNothing(string? socket, string? usec, string? pid)
    {
        using var watchdog = new SystemdWatchdog(Env(("NOTIFY_SOCKET", socket == "SOCKET" ? SocketPath : socket), ("WATCHDOG_USEC", usec), ("WATCHDOG_PID", pid)),
            _time, Environment.ProcessId == 1 ? 2 : Environment.ProcessId);

        Assert.False(watchdog.Enabled);
        Assert.False(watchdog.Ping());
        Assert.Equal(0, _systemd.Available);
    }

    public void Dispose()
    {
        _systemd.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Pid => Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    private static Func<string, string?> Env(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    private string Receive()
    {
        var buffer = new byte[256];
        var length = _systemd.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }
}
