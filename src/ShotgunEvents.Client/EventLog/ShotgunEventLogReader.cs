using ShotgunEvents.Api;

namespace ShotgunEvents.Client.EventLog;

/// <summary>
/// The event log read through any <see cref="IShotgun"/> (a test double, a proxy): rows as entities, turned into
/// events. It cannot see retries, so it never raises <see cref="Throttled"/>.
/// </summary>
public sealed class ShotgunEventLogReader : IEventLogReader
{
    private readonly IShotgun _site;

    /// <summary>Reads through <paramref name="site"/>.</summary>
    /// <param name="site">A connection allowed to read <c>EventLogEntry</c>.</param>
    public ShotgunEventLogReader(IShotgun site)
    {
        ArgumentNullException.ThrowIfNull(site);
        _site = site;
    }

    /// <inheritdoc />
    public event Action<TimeSpan?>? Throttled
    {
        add { }
        remove { }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(EventLogQuery.After(afterId), EventLogQuery.Limited(limit), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShotgunEvent>> ReadRangeAsync(long from, long to, CancellationToken cancellationToken) =>
        ReadAsync(EventLogQuery.Range(from, to), EventLogQuery.ById, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShotgunEvent>> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var found = new List<ShotgunEvent>();
        foreach (var filter in EventLogQuery.In(ids))
        {
            found.AddRange(await ReadAsync(filter, EventLogQuery.ById, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<ShotgunEvent?> LatestAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(null, EventLogQuery.Newest, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<ShotgunEvent>> ReadAsync(Filter? filter, FindOptions options, CancellationToken cancellationToken)
    {
        var rows = await _site.FindAsync(EventLogQuery.EntityType, filter, EventLogQuery.Fields, options, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ShotgunEvent.FromJson(r.Raw))];
    }
}
