namespace ShotgunEvents.Daemon.State;

/// <summary>
/// One plugin's missing event ids, kept as ranges with an expiry rather than one entry per id (upstream kept a dict
/// entry and a log line per id, per plugin), so a 10,000-id gap costs one entry. Ranges are sorted and disjoint.
/// Immutable: every change returns a new backlog, so a lane can publish its position to the state writer and the
/// status readers without a lock. Gaps are rare, so the copies are too.
/// </summary>
internal sealed class Backlog
{
    /// <summary>Nothing missing.</summary>
    public static readonly Backlog Empty = new([]);

    private readonly BacklogRange[] _ranges;

    private Backlog(BacklogRange[] ranges)
    {
        _ranges = ranges;
        Count = ranges.Sum(r => r.Ids.Count);
    }

    /// <summary>The ranges, in id order.</summary>
    public IReadOnlyList<BacklogRange> Ranges => _ranges;

    /// <summary>How many ids are missing in all.</summary>
    public long Count { get; }

    /// <summary>True when nothing is missing.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>The soonest expiry, or null when empty.</summary>
    public DateTimeOffset? OldestExpiry => _ranges.Length == 0 ? null : _ranges.Min(r => r.Expires);

    /// <summary>
    /// The ids <paramref name="from"/>..<paramref name="to"/> added, expiring at <paramref name="expires"/>. Ids already
    /// waited for keep their own expiry.
    /// </summary>
    public Backlog Add(long from, long to, DateTimeOffset expires)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var next = from;
        var ranges = new List<BacklogRange>(_ranges);
        foreach (var range in _ranges)
        {
            if (range.To < next)
            {
                continue;
            }

            if (range.From > to)
            {
                break;
            }

            if (range.From > next)
            {
                ranges.Add(new BacklogRange(new IdRange(next, range.From - 1), expires));
            }

            next = range.To + 1;
        }

        if (next <= to)
        {
            ranges.Add(new BacklogRange(new IdRange(next, to), expires));
        }

        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        return new Backlog([.. ranges]);
    }

    /// <summary>True when <paramref name="id"/> is waited for.</summary>
    public bool Contains(long id) => IndexOf(id) >= 0;

    /// <summary>The backlog without <paramref name="id"/> (it arrived), its range split; this one when it was not waited for.</summary>
    public Backlog Remove(long id)
    {
        var index = IndexOf(id);
        if (index < 0)
        {
            return this;
        }

        var range = _ranges[index];
        var ranges = new List<BacklogRange>(_ranges);
        ranges.RemoveAt(index);
        if (id < range.To)
        {
            ranges.Insert(index, range with { Ids = new IdRange(id + 1, range.To) });
        }

        if (id > range.From)
        {
            ranges.Insert(index, range with { Ids = new IdRange(range.From, id - 1) });
        }

        return new Backlog([.. ranges]);
    }

    /// <summary>The backlog without the ranges whose expiry is at or before <paramref name="siteNow"/>, which go to <paramref name="expired"/>.</summary>
    public Backlog Expire(DateTimeOffset siteNow, out IReadOnlyList<BacklogRange> expired)
    {
        if (_ranges.All(r => r.Expires > siteNow))
        {
            expired = [];
            return this;
        }

        expired = [.. _ranges.Where(r => r.Expires <= siteNow)];
        return new Backlog([.. _ranges.Where(r => r.Expires > siteNow)]);
    }

    private int IndexOf(long id)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var range = _ranges[mid];
            if (id < range.From)
            {
                high = mid - 1;
            }
            else if (id > range.To)
            {
                low = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
}
