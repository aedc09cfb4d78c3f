using Microsoft.Extensions.Time.Testing;
using NLog;
using NLog.Config;
using NLog.Targets;
using ShotgunEvents.Daemon.Alerts;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Alerts;

/// <summary>
/// A real alert pipeline for one test: its own NLog factory (errors to the mail target, everything to a memory
/// target standing for the local log), a dispatcher on a fake clock, and a real SMTP server on loopback.
/// </summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private AlertHarness(TestSmtpServer server, EmailAlertOptions options, Func<string, IReadOnlyList<string>?>? recipients)
    {
        Server = server;
        Time = new FakeTimeProvider(Epoch);
        Factory = new LogFactory();
        LocalLog = new MemoryTarget("local") { Layout = "${logger}|${level}|${message}" };
        Dispatcher = new AlertDispatcher(options, recipients, Time, Factory);
        var config = new LoggingConfiguration(Factory);
        config.AddRule(LogLevel.Error, LogLevel.Fatal, new SecretMaskingTargetWrapper(new AlertMailTarget(Dispatcher)));
        config.AddRule(LogLevel.Trace, LogLevel.Fatal, new SecretMaskingTargetWrapper(LocalLog));
        Factory.Configuration = config;
        Dispatcher.Start();
    }

    public TestSmtpServer Server { get; }

    public FakeTimeProvider Time { get; }

    public LogFactory Factory { get; }

    public MemoryTarget LocalLog { get; }

    public AlertDispatcher Dispatcher { get; }

    public static EmailAlertOptions DefaultOptions(int port) => new()
    {
        Enabled = true,
        Server = "127.0.0.1",
        Port = port,
        From = "daemon@studio.test",
        To = ["ops@studio.test", "td@studio.test"],
        Subject = "[SG]",
        HostName = "render01",
        DigestInterval = TimeSpan.FromMinutes(5),
        MaxMailsPerHour = 6,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public static AlertHarness Create(TestSmtpServer server, Func<EmailAlertOptions, EmailAlertOptions>? configure = null,
        Func<string, IReadOnlyList<string>?>? recipients = null)
    {
        var options = DefaultOptions(server.Port);
        return new AlertHarness(server, configure is null ? options : configure(options), recipients);
    }

    public Logger Logger(string name) => Factory.GetLogger(name);

    public IReadOnlyList<string> LocalLines()
    {
        Factory.Flush();
        lock (LocalLog)
        {
            return [.. LocalLog.Logs];
        }
    }

    public Task RoutedAsync(long count) =>
        Eventually.TrueAsync(() => Dispatcher.Routed >= count, $"{count} alerts routed (now {Dispatcher.Routed})");

    public Task MailsAsync(int count) =>
        Eventually.TrueAsync(() => Server.MailCount >= count, $"{count} mails received (now {Server.MailCount})");

    /// <summary>Moves the fake clock on and waits until nothing that was due is still waiting to be tried.</summary>
    public async Task AdvanceAndSettleAsync(TimeSpan by, int expectedMails)
    {
        Time.Advance(by);
        await MailsAsync(expectedMails);
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.DisposeAsync();
        Factory.Dispose();
    }
}
