using ShotgunEvents.Api;

namespace ShotgunEvents.Client.EventLog;

/// <summary>
/// Reads a site's event log (<c>EventLogEntry</c> rows) as events, in id order: what the daemon's poller and its
/// lanes read, and nothing else. Event ids are <see cref="long"/> here, as everywhere in the engine; an id beyond
/// the site's 32-bit range is refused where it is turned into a query.
/// </summary>
public interface IEventLogReader
{
    /// <summary>
    /// Raised when a read was answered 429 or 5xx and is being retried, with the site's <c>Retry-After</c> if it sent one:
    /// readers in flight should be fewer. Handlers must be quick and must not throw.
    /// </summary>
    event Action<TimeSpan?>? Throttled;

    /// <summary>Events with an id above <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>.</summary>
    /// <param name="afterId">The last id already read (0 for the start of the log).</param>
    /// <param name="limit">The most events to return, at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The events with ids in <c>[from, to]</c> that are visible now, in id order.</summary>
    /// <param name="from">The first id.</param>
    /// <param name="to">The last id, at least <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ShotgunEvent>> ReadRangeAsync(long from, long to, CancellationToken cancellationToken);

    /// <summary>The events among <paramref name="ids"/> that are visible now, in id order.</summary>
    /// <param name="ids">The ids wanted, in any order.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ShotgunEvent>> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>The newest visible event, or null when the log is empty: one row, cheap to ask for at every poll.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ShotgunEvent?> LatestAsync(CancellationToken cancellationToken);
}
