using NLog;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// The alerts waiting for one set of recipients, and when that set was last mailed. Each set is rate-limited on its
/// own, so a noisy plugin with its own recipients does not delay the engine's mails to the default ones.
/// </summary>
internal sealed class AlertStream
{
    private readonly int _maxQuoted;
    private readonly List<MailAlert> _quoted = [];
    private readonly Dictionary<string, int> _countByLogger = new(StringComparer.Ordinal);

    /// <summary>Creates the stream for <paramref name="recipients"/>.</summary>
    public AlertStream(IReadOnlyList<string> recipients, int maxQuoted)
    {
        Recipients = recipients;
        _maxQuoted = Math.Max(1, maxQuoted);
    }

    /// <summary>The addresses this stream mails.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>Alerts waiting (quoted or only counted).</summary>
    public int PendingCount { get; private set; }

    /// <summary>The first alerts waiting, quoted in full in the next mail.</summary>
    public IReadOnlyList<MailAlert> Quoted => _quoted;

    /// <summary>How many waiting alerts each logger produced.</summary>
    public IReadOnlyDictionary<string, int> CountByLogger => _countByLogger;

    /// <summary>The most severe level waiting.</summary>
    public LogLevel HighestLevel { get; private set; } = LogLevel.Error;

    /// <summary>The time of the first and last alert waiting.</summary>
    public (DateTimeOffset First, DateTimeOffset Last) Span { get; private set; }

    /// <summary>When a mail to these recipients was last tried (sent or failed); null before the first.</summary>
    public DateTimeOffset? LastAttempt { get; set; }

    /// <summary>Adds an alert to the next mail.</summary>
    public void Add(MailAlert alert)
    {
        if (_quoted.Count < _maxQuoted)
        {
            _quoted.Add(alert);
        }

        _countByLogger[alert.LoggerName] = _countByLogger.GetValueOrDefault(alert.LoggerName) + 1;
        HighestLevel = PendingCount == 0 || alert.Level > HighestLevel ? alert.Level : HighestLevel;
        Span = PendingCount == 0 ? (alert.Time, alert.Time) : (Span.First, alert.Time);
        PendingCount++;
    }

    /// <summary>Forgets what was waiting, once it has been mailed.</summary>
    public void Clear()
    {
        _quoted.Clear();
        _countByLogger.Clear();
        PendingCount = 0;
        HighestLevel = LogLevel.Error;
    }

    /// <summary>When the next mail may go to these recipients, the hourly cap aside.</summary>
    public DateTimeOffset DueAt(TimeSpan digestInterval) =>
        LastAttempt is { } last ? last + digestInterval : DateTimeOffset.MinValue;
}
