using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events;

/// <summary>Reads the site's event log: the main forward query, the backlog re-query by id, and the head id.</summary>
internal sealed class SiteEventSource(IShotgun site)
{
    /// <summary>The nine fields upstream reads, plus nothing: <c>meta</c> can be large, so no extra columns.</summary>
    private static readonly string[] Fields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    private static readonly FindOptions NoOptions = new();

    /// <summary>The largest id list sent in one <c>id in [...]</c> query.</summary>
    public const int MaxIdsPerQuery = 500;

    /// <summary>Events with an id above <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(int afterId, int limit, CancellationToken cancellationToken)
    {
        var rows = await site.FindAsync(
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
            var rows = await site.FindAsync(
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
        var rows = await site.FindAsync(
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
        var rows = await site.FindAsync(
            "EventLogEntry",
            Filter.All(),
            ["id", "created_at"],
            NoOptions with { Order = [SortOrder.Desc("id")], Limit = 1 },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows[0].Id;
    }
}
