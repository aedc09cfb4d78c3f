using System.Globalization;
using System.Text;
using MimeKit;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// Writes the alert mails: upstream's subject (<c>&lt;subject&gt; ERROR - SG event daemon.</c>) with the host name,
/// upstream's body for a single alert, and a digest (count, per-logger counts, the first messages) for more.
/// Every subject and body goes through <see cref="SecretMasker"/> once more before it leaves.
/// </summary>
internal sealed class AlertMailComposer
{
    private readonly EmailAlertOptions _options;
    private readonly string _host;

    /// <summary>Creates the composer.</summary>
    public AlertMailComposer(EmailAlertOptions options)
    {
        _options = options;
        _host = string.IsNullOrWhiteSpace(options.HostName) ? Environment.MachineName : options.HostName;
    }

    /// <summary>The mail for what <paramref name="stream"/> holds; <paramref name="dropped"/> alerts were lost to a full queue.</summary>
    public MimeMessage Compose(AlertStream stream, long dropped, DateTimeOffset now)
    {
        var level = PythonLogLevel.NameOf(stream.HighestLevel);
        var subject = $"{_options.Subject} {level} - SG event daemon. ({_host})";
        string body;
        if (stream.PendingCount == 1 && dropped == 0)
        {
            body = Describe(stream.Quoted[0]);
        }
        else
        {
            subject += string.Create(CultureInfo.InvariantCulture, $" {stream.PendingCount} messages");
            body = Digest(stream, dropped);
        }

        var message = new MimeMessage { Subject = SecretMasker.Mask(subject), Date = now };
        message.From.Add(MailboxAddress.Parse(_options.From));
        foreach (var address in stream.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Body = new TextPart("plain") { Text = SecretMasker.Mask(body) };
        return message;
    }

    private string Describe(MailAlert alert)
    {
        var builder = new StringBuilder();
        builder.Append("Time: ").AppendLine(Time(alert.Time))
            .Append("Logger: ").AppendLine(alert.LoggerName);
        if (alert.PluginName is not null)
        {
            builder.Append("Plugin: ").AppendLine(alert.PluginName);
        }

        builder.Append("Level: ").AppendLine(PythonLogLevel.NameOf(alert.Level))
            .Append("Host: ").AppendLine(_host)
            .AppendLine()
            .AppendLine(alert.Text);
        return builder.ToString();
    }

    private string Digest(AlertStream stream, long dropped)
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture,
                $"{stream.PendingCount} ERROR/CRITICAL messages were logged on {_host} from {Time(stream.Span.First)} to {Time(stream.Span.Last)}.")
            .AppendLine(CultureInfo.InvariantCulture,
                $"Alert mails are limited to one every {Minutes(_options.DigestInterval)} per set of recipients and {_options.MaxMailsPerHour} an hour in all; the log files hold every message.");
        if (dropped > 0)
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"{dropped} more messages were not queued for mail at all (the alert queue was full).");
        }

        builder.AppendLine().AppendLine("By logger:");
        foreach (var (logger, count) in stream.CountByLogger.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"  {logger}: {count}");
        }

        builder.AppendLine().AppendLine(stream.Quoted.Count == stream.PendingCount
            ? "The messages:"
            : string.Create(CultureInfo.InvariantCulture, $"The first {stream.Quoted.Count} messages:"));
        for (var i = 0; i < stream.Quoted.Count; i++)
        {
            builder.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"--- {i + 1} of {stream.PendingCount} ---")
                .Append(Describe(stream.Quoted[i]));
        }

        return builder.ToString();
    }

    private static string Time(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd HH:mm:ss,fff zzz", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan interval) => interval.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{interval.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0.#} s");
}
