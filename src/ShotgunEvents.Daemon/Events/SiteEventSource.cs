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

    /// <summary>Events with an id above <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(int afterId, int limit, CancellationToken cancellationToken)
    {
        var rows = await _site.FindAsync(
            "EventLogEntry",
            Filter.GreaterThan("id", afterId),
            Fields,
            new FindOptions { Order = [SortOrder.Asc("id")], Limit = limit },
            cancellationToken).ConfigureAwait(false);
        return rows.Select(r => ShotgunEvent.FromJson(r.Raw)).ToArray();
    }

    /// <summary>The events among <paramref name="ids"/> that are visible now, in id order.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadIdsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var found = new List<ShotgunEvent>();
        foreach (var chunk in ids.Chunk(MaxIdsPerQuery))
        {
            var rows = await _site.FindAsync(
                "EventLogEntry",
                Filter.In("id", chunk.Cast<object?>().ToArray()),
                Fields,
                new FindOptions { Order = [SortOrder.Asc("id")] },
                cancellationToken).ConfigureAwait(false);
            found.AddRange(rows.Select(r => ShotgunEvent.FromJson(r.Raw)));
        }

        return found;
    }

    /// <summary>The events with ids in <c>[from, to]</c> that are visible now, in id order.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadRangeAsync(int from, int to, CancellationToken cancellationToken)
    {
        var rows = await _site.FindAsync(
            "EventLogEntry",
            Filter.Between("id", from, to),
            Fields,
            new FindOptions { Order = [SortOrder.Asc("id")] },
            cancellationToken).ConfigureAwait(false);
        return rows.Select(r => ShotgunEvent.FromJson(r.Raw)).ToArray();
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
