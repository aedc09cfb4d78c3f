namespace ShotgunEvents.Daemon.State;

/// <summary>
/// One plugin's missing event ids, kept as ranges with an expiry rather than one entry per id (upstream kept a dict
/// entry and a log line per id, per plugin), so a 10,000-id gap costs one entry. Ranges are sorted and disjoint.
/// Not thread-safe: <see cref="PluginCursor"/> uses it under the <see cref="PluginState"/>'s lock.
/// </summary>
internal sealed class Backlog
{
    private readonly List<BacklogRange> _ranges = [];

    /// <summary>The ranges, in id order.</summary>
    public IReadOnlyList<BacklogRange> Ranges => _ranges;

    /// <summary>How many ids are missing in all.</summary>
    public long Count { get; private set; }

    /// <summary>True when nothing is missing.</summary>
    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>The soonest expiry, or null when empty.</summary>
    public DateTimeOffset? OldestExpiry => _ranges.Count == 0 ? null : _ranges.Min(r => r.Expires);

    /// <summary>
    /// Adds the ids <paramref name="from"/>..<paramref name="to"/>, expiring at <paramref name="expires"/>. Ids already
    /// waited for keep their own expiry.
    /// </summary>
    public void Add(long from, long to, DateTimeOffset expires)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var next = from;
        var added = new List<BacklogRange>();
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
                added.Add(new BacklogRange(new IdRange(next, range.From - 1), expires));
            }

            next = range.To + 1;
        }

        if (next <= to)
        {
            added.Add(new BacklogRange(new IdRange(next, to), expires));
        }

        foreach (var range in added)
        {
            _ranges.Add(range);
            Count += range.Ids.Count;
        }

        _ranges.Sort((a, b) => a.From.CompareTo(b.From));
    }

    /// <summary>True when <paramref name="id"/> is waited for.</summary>
    public bool Contains(long id) => IndexOf(id) >= 0;

    /// <summary>Removes <paramref name="id"/> (it arrived), splitting its range; false when it was not waited for.</summary>
    public bool Remove(long id)
    {
        var index = IndexOf(id);
        if (index < 0)
        {
            return false;
        }

        var range = _ranges[index];
        _ranges.RemoveAt(index);
        if (id < range.To)
        {
            _ranges.Insert(index, range with { Ids = new IdRange(id + 1, range.To) });
        }

        if (id > range.From)
        {
            _ranges.Insert(index, range with { Ids = new IdRange(range.From, id - 1) });
        }

        Count--;
        return true;
    }

    /// <summary>The lowest <paramref name="max"/> missing ids, to re-query by id (<c>id in [...]</c>).</summary>
    public IReadOnlyList<long> PendingIds(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var ids = new List<long>(Math.Min(max, (int)Math.Min(Count, 4096)));
        foreach (var range in _ranges)
        {
            for (var id = range.From; id <= range.To && ids.Count < max; id++)
            {
                ids.Add(id);
            }

            if (ids.Count >= max)
            {
                break;
            }
        }

        return ids;
    }

    /// <summary>Drops and returns the ranges whose expiry is at or before <paramref name="siteNow"/>: log each once.</summary>
    public IReadOnlyList<BacklogRange> Expire(DateTimeOffset siteNow)
    {
        var expired = _ranges.FindAll(r => r.Expires <= siteNow);
        if (expired.Count > 0)
        {
            _ranges.RemoveAll(r => r.Expires <= siteNow);
            Count -= expired.Sum(r => r.Ids.Count);
        }

        return expired;
    }

    /// <summary>A copy that shares nothing mutable with this one.</summary>
    public Backlog Clone()
    {
        var copy = new Backlog();
        copy._ranges.AddRange(_ranges);
        copy.Count = Count;
        return copy;
    }

    private int IndexOf(long id)
    {
        int low = 0, high = _ranges.Count - 1;
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
