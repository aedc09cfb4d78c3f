namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// The hard cap: at most N mails in any sliding hour, over all recipients. This is what turns a day-long outage
/// into a handful of mails whatever the digest interval is.
/// </summary>
internal sealed class HourlyMailBudget
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly int _maxPerHour;
    private readonly Queue<DateTimeOffset> _sent = new();

    /// <summary>Creates a budget of <paramref name="maxPerHour"/> mails an hour.</summary>
    public HourlyMailBudget(int maxPerHour)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerHour, 1);
        _maxPerHour = maxPerHour;
    }

    /// <summary>True when a mail may go out at <paramref name="now"/>.</summary>
    public bool HasRoom(DateTimeOffset now)
    {
        Expire(now);
        return _sent.Count < _maxPerHour;
    }

    /// <summary>When the next mail may go out: <paramref name="now"/> when there is room.</summary>
    public DateTimeOffset NextSlot(DateTimeOffset now)
    {
        Expire(now);
        return _sent.Count < _maxPerHour ? now : _sent.Peek() + Window;
    }

    /// <summary>Counts a mail sent at <paramref name="now"/>.</summary>
    public void Record(DateTimeOffset now) => _sent.Enqueue(now);

    private void Expire(DateTimeOffset now)
    {
        while (_sent.Count > 0 && now - _sent.Peek() >= Window)
        {
            _sent.Dequeue();
        }
    }
}
