using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client.Wire;

namespace ShotgunEvents.Client;

/// <summary>
/// Wraps a connection so writes are described, not sent (<c>--dry-run</c>): reads go through to the site; creates,
/// updates, deletes, revives and batches are handed to a sink as one line each and answered with plausible fakes
/// (created entities get negative ids, so they can never be mistaken for real ones).
/// </summary>
public sealed class DryRunShotgun : IShotgun
{
    private readonly IShotgun _inner;
    private readonly Action<string> _sink;
    private int _nextFakeId;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The real connection, used for reads.</param>
    /// <param name="sink">Receives one description per write, for example <c>dry-run: update Shot #12 {"sg_status_list":"ip"}</c>.</param>
    public DryRunShotgun(IShotgun inner, Action<string> sink)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(sink);
        _inner = inner;
        _sink = sink;
    }

    /// <inheritdoc />
    public string? SessionUuid
    {
        get => _inner.SessionUuid;
        set => _inner.SessionUuid = value;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Entity>> FindAsync(string entityType, Filter? filters, IEnumerable<string>? fields, FindOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.FindAsync(entityType, filters, fields, options, cancellationToken);

    /// <inheritdoc />
    public Task<Entity> CreateAsync(string entityType, IReadOnlyDictionary<string, object?> data, IEnumerable<string>? returnFields = null, CancellationToken cancellationToken = default)
    {
        var entity = FakeCreate(entityType, data);
        Write($"create {entityType} {Json(data)} -> fake id {entity.Id}");
        return Task.FromResult(entity);
    }

    /// <inheritdoc />
    public Task<Entity> UpdateAsync(string entityType, int id, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, MultiEntityUpdateMode>? multiEntityUpdateModes = null, CancellationToken cancellationToken = default)
    {
        Write($"update {entityType} #{id} {Json(data)}{Modes(multiEntityUpdateModes)}");
        return Task.FromResult(FakeRecord(entityType, id, data));
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string entityType, int id, CancellationToken cancellationToken = default)
    {
        Write($"delete {entityType} #{id}");
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> ReviveAsync(string entityType, int id, CancellationToken cancellationToken = default)
    {
        Write($"revive {entityType} #{id}");
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JToken>> BatchAsync(IEnumerable<BatchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var list = requests.ToArray();
        var results = new List<JToken>(list.Length);
        var lines = new List<string>(list.Length);
        foreach (var request in list)
        {
            switch (request.RequestType)
            {
                case "create":
                    var created = FakeCreate(request.EntityType, request.Data!);
                    lines.Add($"create {request.EntityType} {Json(request.Data!)} -> fake id {created.Id}");
                    results.Add(created.Raw);
                    break;
                case "update":
                    lines.Add($"update {request.EntityType} #{request.Id} {Json(request.Data!)}{Modes(request.MultiEntityUpdateModes)}");
                    results.Add(FakeRecord(request.EntityType, request.Id ?? 0, request.Data!).Raw);
                    break;
                default:
                    lines.Add($"{request.RequestType} {request.EntityType} #{request.Id}");
                    results.Add(new JValue(true));
                    break;
            }
        }

        Write($"batch of {list.Length} [{string.Join("; ", lines)}]");
        return Task.FromResult<IReadOnlyList<JToken>>(results);
    }

    /// <inheritdoc />
    public Task<JObject> SummarizeAsync(string entityType, Filter? filters, IEnumerable<SummaryField> summaryFields, IEnumerable<SummaryGrouping>? grouping = null, CancellationToken cancellationToken = default) =>
        _inner.SummarizeAsync(entityType, filters, summaryFields, grouping, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> SchemaReadAsync(EntityRef? project = null, CancellationToken cancellationToken = default) =>
        _inner.SchemaReadAsync(project, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> SchemaFieldReadAsync(string entityType, string? fieldName = null, EntityRef? project = null, CancellationToken cancellationToken = default) =>
        _inner.SchemaFieldReadAsync(entityType, fieldName, project, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> InfoAsync(CancellationToken cancellationToken = default) => _inner.InfoAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"DryRun({_inner})";

    private void Write(string description) =>
        _sink("dry-run: " + description + (SessionUuid is { } session ? $" (session {session})" : string.Empty));

    private Entity FakeCreate(string entityType, IReadOnlyDictionary<string, object?> data) =>
        FakeRecord(entityType, Interlocked.Decrement(ref _nextFakeId), data);

    private static Entity FakeRecord(string entityType, int id, IReadOnlyDictionary<string, object?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var record = new JObject { ["type"] = entityType, ["id"] = id };
        foreach (var field in FieldList.From(data))
        {
            record[field.Value<string>("field_name")!] = field["value"];
        }

        return new Entity(record);
    }

    private static string Json(IReadOnlyDictionary<string, object?> data) => WireValue.From(data).ToString(Formatting.None);

    private static string Modes(IReadOnlyDictionary<string, MultiEntityUpdateMode>? modes) =>
        modes is null || modes.Count == 0
            ? string.Empty
            : " modes " + string.Join(", ", modes.Select(m => $"{m.Key}={FieldList.ModeName(m.Value)}"));
}
