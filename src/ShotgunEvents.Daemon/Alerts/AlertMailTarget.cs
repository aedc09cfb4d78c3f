using NLog;
using NLog.Targets;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// The NLog end of the mail alerts: turns each ERROR and CRITICAL event into a <see cref="MailAlert"/> and hands it
/// to the <see cref="AlertDispatcher"/>'s queue. It never waits for SMTP, so logging an error costs the caller a
/// queue write, whatever the mail server is doing.
/// </summary>
[Target(TypeName)]
internal sealed class AlertMailTarget : Target
{
    /// <summary>The target's type name.</summary>
    public const string TypeName = "AlertMail";

    private readonly AlertDispatcher _dispatcher;
    private readonly int _maxChars;

    /// <summary>Creates the target feeding <paramref name="dispatcher"/>.</summary>
    public AlertMailTarget(AlertDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
        _maxChars = Math.Max(200, dispatcher.Options.MaxMessageChars);
        Name = "alertMail";
    }

    /// <inheritdoc />
    protected override void Write(LogEventInfo logEvent)
    {
        // The alert machinery's own complaints (an SMTP outage) stay in the log: mailing them would feed the outage.
        if (logEvent.Level < LogLevel.Error
            || string.Equals(logEvent.LoggerName, LoggerNames.Alerts, StringComparison.Ordinal)
            || string.Equals(logEvent.LoggerName, LoggerNames.Timing, StringComparison.Ordinal))
        {
            return;
        }

        _dispatcher.TryEnqueue(ToAlert(logEvent, _maxChars));
    }

    /// <summary>The alert for one event: message and exception, secrets masked, then cut to <paramref name="maxChars"/>.</summary>
    internal static MailAlert ToAlert(LogEventInfo logEvent, int maxChars)
    {
        var text = logEvent.FormattedMessage ?? "";
        if (logEvent.Exception is { } ex)
        {
            text = text + Environment.NewLine + ex;
        }

        // Mask before cutting, so a cut can never leave the first half of a secret behind.
        text = SecretMasker.Mask(text);
        if (text.Length > maxChars)
        {
            text = string.Concat(text.AsSpan(0, maxChars), Environment.NewLine,
                $"[... {text.Length - maxChars} more characters in the log file]");
        }

        var loggerName = logEvent.LoggerName ?? "";
        return new MailAlert(new DateTimeOffset(logEvent.TimeStamp), logEvent.Level, loggerName,
            LoggerNames.PluginNameOf(loggerName), text);
    }
}
