using ShotgunEvents.Api;

namespace ShotgunEvents.Client.EventLog;

/// <summary>
/// The event log read through a <see cref="ShotgunClient"/>: each page streamed straight into events (no
/// <c>JObject</c> per row), and the client's own retries of a site under pressure reported as <see cref="Throttled"/>.
/// </summary>
public sealed class ClientEventLogReader : IEventLogReader
{
    private readonly ShotgunClient _client;

    /// <summary>Reads through <paramref name="client"/>, whose credentials must be allowed to read <c>EventLogEntry</c>.</summary>
    /// <param name="client">The daemon's own connection.</param>
    public ClientEventLogReader(ShotgunClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        // The client retries 429 and 503 on its own; a reader must still hear of them to read less.
        client.Retrying += notice =>
        {
            if (notice.SiteUnderPressure)
            {
                Throttled?.Invoke(notice.RetryAfter);
            }
        };
    }

    /// <inheritdoc />
    public event Action<TimeSpan?>? Throttled;

    /// <inheritdoc />
    public Task<IReadOnlyList<ShotgunEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        _client.ReadEventsAsync(EventLogQuery.After(afterId), EventLogQuery.Fields, EventLogQuery.Limited(limit), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShotgunEvent>> ReadRangeAsync(long from, long to, CancellationToken cancellationToken) =>
        _client.ReadEventsAsync(EventLogQuery.Range(from, to), EventLogQuery.Fields, EventLogQuery.ById, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShotgunEvent>> ReadIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var found = new List<ShotgunEvent>();
        foreach (var filter in EventLogQuery.In(ids))
        {
            found.AddRange(await _client.ReadEventsAsync(filter, EventLogQuery.Fields, EventLogQuery.ById, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<ShotgunEvent?> LatestAsync(CancellationToken cancellationToken)
    {
        var rows = await _client.ReadEventsAsync(null, EventLogQuery.Fields, EventLogQuery.Newest, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
