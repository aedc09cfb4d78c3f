using ShotgunEvents.Api;
using ShotgunEvents.Client;

namespace ShotgunEvents.Daemon.Events;

/// <summary>Reads the site's event log: the main forward query, the backlog re-query by id, and the head id.</summary>
internal sealed class SiteEventSource
{
    /// <summary>The nine fields upstream reads, plus nothing: <c>meta</c> can be large, so no extra columns.</summary>
    private static readonly string[] Fields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    private static readonly FindOptions NoOptions = new();

    /// <summary>The largest id list sent in one <c>id in [...]</c> query.</summary>
    public const int MaxIdsPerQuery = 500;

    private readonly IShotgun _site;
    private readonly Lock _gate = new();
    private long _eventsRead;
    private ShotgunEvent? _newest;

    /// <summary>Reads through <paramref name="site"/>; a <see cref="ShotgunClient"/> also reports the 429s and 5xx its retries hide.</summary>
    public SiteEventSource(IShotgun site)
    {
        _site = site;
        if (site is ShotgunClient client)
        {
            // The client retries 429 and 503 on its own; the poller must still hear of them to read less.
            client.OnRetry += OnRetry;
        }
    }

    /// <summary>Raised when a read of this source was answered 429 or 5xx and is being retried; carries the <c>Retry-After</c>, if any.</summary>
    public event Action<TimeSpan?>? Throttled;

    /// <summary>Events read so far by every query (metrics).</summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);

    /// <summary>The newest event any query has returned (lag for metrics and the status page), or null.</summary>
    public ShotgunEvent? Newest
    {
        get
        {
            lock (_gate)
            {
                return _newest;
            }
        }
    }

    /// <summary>Events with an id above <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(int afterId, int limit, CancellationToken cancellationToken)
    {
        return await ReadEventsAsync(Filter.GreaterThan("id", afterId), new FindOptions { Order = [SortOrder.Asc("id")], Limit = limit },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The events among <paramref name="ids"/> that are visible now, in id order.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadIdsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var found = new List<ShotgunEvent>();
        foreach (var chunk in ids.Chunk(MaxIdsPerQuery))
        {
            found.AddRange(await ReadEventsAsync(Filter.In("id", chunk.Cast<object?>().ToArray()), new FindOptions { Order = [SortOrder.Asc("id")] },
                cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>The events with ids in <c>[from, to]</c> that are visible now, in id order.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadRangeAsync(int from, int to, CancellationToken cancellationToken)
    {
        return await ReadEventsAsync(Filter.Between("id", from, to), new FindOptions { Order = [SortOrder.Asc("id")] },
            cancellationToken).ConfigureAwait(false);
    }

    // Our own client reads the page streaming, straight into events; any other IShotgun goes through entities.
    private async Task<IReadOnlyList<ShotgunEvent>> ReadEventsAsync(Filter filter, FindOptions options, CancellationToken cancellationToken)
    {
        if (_site is ShotgunClient client)
        {
            return Observed(await client.ReadEventsAsync(filter, Fields, options, cancellationToken).ConfigureAwait(false));
        }

        var rows = await _site.FindAsync("EventLogEntry", filter, Fields, options, cancellationToken).ConfigureAwait(false);
        return Observed(rows.Select(r => ShotgunEvent.FromJson(r.Raw)).ToArray());
    }

    private IReadOnlyList<ShotgunEvent> Observed(IReadOnlyList<ShotgunEvent> events)
    {
        if (events.Count == 0)
        {
            return events;
        }

        Interlocked.Add(ref _eventsRead, events.Count);
        var last = events.MaxBy(e => e.Id)!;
        lock (_gate)
        {
            if (_newest is null || last.Id > _newest.Id)
            {
                _newest = last;
            }
        }

        return events;
    }

    /// <summary>The newest visible event id, or 0 when the log is empty.</summary>
    public async Task<int> LatestIdAsync(CancellationToken cancellationToken)
    {
        var rows = await _site.FindAsync(
            "EventLogEntry",
            Filter.All(),
            ["id", "created_at"],
            NoOptions with { Order = [SortOrder.Desc("id")], Limit = 1 },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows[0].Id;
    }

    private void OnRetry(ShotgunRetryNotice notice)
    {
        if (notice.SiteUnderPressure)
        {
            Throttled?.Invoke(notice.RetryAfter);
        }
    }
}
