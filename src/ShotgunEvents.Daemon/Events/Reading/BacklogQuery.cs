using ShotgunEvents.Api;
using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// Re-reads missing event ids (a backlog) from the site, by id, never by rewinding the main read: ranges of up to
/// <see cref="SmallRange"/> ids together as <c>id in [...]</c>, longer ones each as <c>id between</c>; at most once per
/// <c>max(fetch_interval, 1 s)</c>, since late commits take seconds to appear. Owned by the loop that asks (a lane,
/// or the serial loop): not thread-safe.
/// </summary>
internal sealed class BacklogQuery
{
    /// <summary>Ranges up to this many ids are asked for with <c>id in [...]</c>; longer ones with <c>between</c>.</summary>
    public const int SmallRange = 50;

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly IEventLogReader _log;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private long _lastQuery = -1;

    /// <summary>Creates the query.</summary>
    /// <param name="log">The site's event log.</param>
    /// <param name="fetchInterval"><c>fetch_interval</c>: the backlog is not asked for more often (nor more than once a second).</param>
    /// <param name="time">The clock of that interval.</param>
    public BacklogQuery(IEventLogReader log, TimeSpan fetchInterval, TimeProvider time)
    {
        _log = log;
        _interval = fetchInterval > MinInterval ? fetchInterval : MinInterval;
        _time = time;
    }

    /// <summary>How long until the next query may run; zero when it may run now.</summary>
    public TimeSpan DueIn => _lastQuery < 0 ? TimeSpan.Zero : Max(TimeSpan.Zero, _interval - _time.GetElapsedTime(_lastQuery));

    /// <summary>
    /// The events of <paramref name="ranges"/> visible now, in id order; none when the ranges are empty or the last
    /// query was too recent.
    /// </summary>
    /// <param name="ranges">Missing ids, in any order; overlapping ranges are merged.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<ShotgunEvent>> FindAsync(IEnumerable<IdRange> ranges, CancellationToken cancellationToken)
    {
        if (DueIn > TimeSpan.Zero)
        {
            return [];
        }

        var merged = Merge(ranges);
        if (merged.Count == 0)
        {
            return [];
        }

        _lastQuery = _time.GetTimestamp();
        var found = new List<ShotgunEvent>();
        var smallIds = merged.Where(r => r.Count <= SmallRange)
            .SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => r.From + i))
            .ToArray();
        if (smallIds.Length > 0)
        {
            found.AddRange(await _log.ReadIdsAsync(smallIds, cancellationToken).ConfigureAwait(false));
        }

        foreach (var range in merged.Where(r => r.Count > SmallRange))
        {
            found.AddRange(await _log.ReadRangeAsync(range.From, range.To, cancellationToken).ConfigureAwait(false));
        }

        found.Sort((a, b) => a.Id.CompareTo(b.Id));
        return found;
    }

    /// <summary>Sorted, disjoint ranges covering exactly the ids of <paramref name="ranges"/>.</summary>
    public static IReadOnlyList<IdRange> Merge(IEnumerable<IdRange> ranges)
    {
        var merged = new List<IdRange>();
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && range.From <= merged[^1].To + 1)
            {
                merged[^1] = merged[^1] with { To = Math.Max(merged[^1].To, range.To) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
