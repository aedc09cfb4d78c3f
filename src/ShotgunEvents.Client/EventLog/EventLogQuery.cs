using ShotgunEvents.Api;

namespace ShotgunEvents.Client.EventLog;

/// <summary>The filters, fields and options of the event log reads, shared by every <see cref="IEventLogReader"/>.</summary>
internal static class EventLogQuery
{
    /// <summary>The entity type read.</summary>
    public const string EntityType = "EventLogEntry";

    /// <summary>The largest id list sent in one <c>id in [...]</c> query.</summary>
    public const int MaxIdsPerQuery = 500;

    /// <summary>The nine fields upstream reads, and nothing more: <c>meta</c> can be large, so no extra columns.</summary>
    public static readonly string[] Fields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    /// <summary>Ascending by id, unlimited.</summary>
    public static readonly FindOptions ById = new() { Order = [SortOrder.Asc("id")] };

    /// <summary>The newest row only.</summary>
    public static readonly FindOptions Newest = new() { Order = [SortOrder.Desc("id")], Limit = 1 };

    public static Filter After(long afterId) => Filter.GreaterThan("id", Id(afterId));

    public static Filter Range(long from, long to)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        return Filter.Between("id", Id(from), Id(to));
    }

    public static FindOptions Limited(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ById with { Limit = limit };
    }

    /// <summary><c>id in [...]</c> filters of at most <see cref="MaxIdsPerQuery"/> ids each.</summary>
    public static IEnumerable<Filter> In(IReadOnlyList<long> ids) =>
        ids.Order().Distinct().Chunk(MaxIdsPerQuery).Select(chunk => Filter.In("id", [.. chunk.Select(id => (object?)Id(id))]));

    /// <summary>The one place an engine id becomes a site id: ids beyond 32 bits do not exist on a site.</summary>
    private static int Id(long id) => checked((int)id);
}
