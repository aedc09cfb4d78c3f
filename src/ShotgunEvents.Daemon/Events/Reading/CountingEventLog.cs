using ShotgunEvents.Api;
using ShotgunEvents.Client.EventLog;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// The site's event log as the engine reads it, counted for the metrics: events read by every reader (the poller,
/// lanes catching up, backlog queries). Thread-safe: readers on several loops share it.
/// </summary>
internal sealed class CountingEventLog(IEventLogReader inner) : IEventLogReader
{
    private long _eventsRead;

    /// <inheritdoc />
    public event Action<TimeSpan?>? Throttled
    {
        add => inner.Throttled += value;
        remove => inner.Throttled -= value;
    }

    /// <summary>Events read so far by every query.</summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        Counted(await inner.ReadAfterAsync(afterId, limit, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShotgunEvent>> ReadRangeAsync(long from, long to, CancellationToken cancellationToken) =>
        Counted(await inner.ReadRangeAsync(from, to, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShotgunEvent>> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        Counted(await inner.ReadIdsAsync(ids, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<ShotgunEvent?> LatestAsync(CancellationToken cancellationToken) => inner.LatestAsync(cancellationToken);

    private IReadOnlyList<ShotgunEvent> Counted(IReadOnlyList<ShotgunEvent> events)
    {
        Interlocked.Add(ref _eventsRead, events.Count);
        return events;
    }
}
