using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client.Wire;

namespace ShotgunEvents.Client;

/// <summary>
/// Wraps a connection so writes are described, not sent (<c>--dry-run</c>): reads go through to the site; creates,
/// updates, deletes, revives, batches, follows, uploads, thumbnail shares and work schedule updates are handed to a
/// sink as one line each and answered with plausible fakes (created entities and attachments get negative ids, so they
/// can never be mistaken for real ones). <see cref="CallMethodAsync"/> sends only the methods known to read.
/// </summary>
public sealed class DryRunShotgun : IShotgun
{
    private readonly IShotgun _inner;
    private readonly Action<string> _sink;
    private readonly string? _actingAs;
    private readonly StrongBox<int> _nextFakeId;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The real connection, used for reads.</param>
    /// <param name="sink">Receives one description per write, for example <c>dry-run: update Shot #12 {"sg_status_list":"ip"}</c>.</param>
    public DryRunShotgun(IShotgun inner, Action<string> sink)
        : this(inner, sink, null, new StrongBox<int>())
    {
    }

    private DryRunShotgun(IShotgun inner, Action<string> sink, string? actingAs, StrongBox<int> nextFakeId)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(sink);
        _inner = inner;
        _sink = sink;
        _actingAs = actingAs;
        _nextFakeId = nextFakeId;
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
    public Task<JObject> SchemaEntityReadAsync(EntityRef? project = null, CancellationToken cancellationToken = default) =>
        _inner.SchemaEntityReadAsync(project, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> FollowAsync(EntityRef user, EntityRef entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(entity);
        Write($"follow {entity.Type} #{entity.Id} by {user.Type} #{user.Id}");
        return Task.FromResult(new JObject { ["followed"] = true, ["user"] = Link(user), ["entity"] = Link(entity) });
    }

    /// <inheritdoc />
    public Task<JObject> UnfollowAsync(EntityRef user, EntityRef entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(entity);
        Write($"unfollow {entity.Type} #{entity.Id} by {user.Type} #{user.Id}");
        return Task.FromResult(new JObject { ["unfollowed"] = true, ["user"] = Link(user), ["entity"] = Link(entity) });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Entity>> FollowersAsync(EntityRef entity, CancellationToken cancellationToken = default) =>
        _inner.FollowersAsync(entity, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Entity>> FollowingAsync(EntityRef user, EntityRef? project = null, string? entityType = null, CancellationToken cancellationToken = default) =>
        _inner.FollowingAsync(user, project, entityType, cancellationToken);

    /// <inheritdoc />
    public Task<int> UploadAsync(string entityType, int entityId, string path, string? fieldName = null, string? displayName = null,
        string? tagList = null, CancellationToken cancellationToken = default)
    {
        var file = CheckFile(path);
        var id = NextFakeId();
        Write($"upload {file.FullName} ({file.Length} bytes) to {entityType} #{entityId}" +
            (fieldName is null ? string.Empty : $" field {fieldName}") +
            (displayName is null ? string.Empty : $" as \"{displayName}\"") +
            (string.IsNullOrEmpty(tagList) ? string.Empty : $" tags {tagList}") + $" -> fake attachment id {id}");
        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public Task<int> UploadThumbnailAsync(string entityType, int entityId, string path, CancellationToken cancellationToken = default) =>
        UploadAsync(entityType, entityId, path, "thumb_image", cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task<int> UploadFilmstripThumbnailAsync(string entityType, int entityId, string path, CancellationToken cancellationToken = default) =>
        UploadAsync(entityType, entityId, path, "filmstrip_thumb_image", cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task<int?> ShareThumbnailAsync(IEnumerable<EntityRef> entities, string? thumbnailPath = null, EntityRef? sourceEntity = null,
        bool filmstripThumbnail = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var list = entities.ToArray();
        if (list.Length == 0 || (thumbnailPath is null) == (sourceEntity is null))
        {
            throw new ArgumentException("share_thumbnail: give at least one entity, and either a thumbnail path or a source entity.", nameof(entities));
        }

        var from = thumbnailPath is null ? $"{sourceEntity!.Type} #{sourceEntity.Id}" : CheckFile(thumbnailPath).FullName;
        var id = NextFakeId();
        Write($"share {(filmstripThumbnail ? "filmstrip thumbnail" : "thumbnail")} of {from} with " +
            string.Join(", ", list.Select(e => $"{e.Type} #{e.Id}")) + $" -> fake attachment id {id}");
        return Task.FromResult<int?>(id);
    }

    /// <inheritdoc />
    public Task<string?> GetAttachmentDownloadUrlAsync(JToken? attachment, CancellationToken cancellationToken = default) =>
        _inner.GetAttachmentDownloadUrlAsync(attachment, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DownloadAttachmentAsync(JToken? attachment, Stream destination, CancellationToken cancellationToken = default) =>
        _inner.DownloadAttachmentAsync(attachment, destination, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Entity>> NoteThreadReadAsync(int noteId, IReadOnlyDictionary<string, string[]>? entityFields = null, CancellationToken cancellationToken = default) =>
        _inner.NoteThreadReadAsync(noteId, entityFields, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> TextSearchAsync(string text, IReadOnlyDictionary<string, Filter?> entityTypes, IEnumerable<int>? projectIds = null,
        int? limit = null, CancellationToken cancellationToken = default) =>
        _inner.TextSearchAsync(text, entityTypes, projectIds, limit, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> ActivityStreamReadAsync(string entityType, int entityId, IReadOnlyDictionary<string, string[]>? entityFields = null,
        int? minId = null, int? maxId = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _inner.ActivityStreamReadAsync(entityType, entityId, entityFields, minId, maxId, limit, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> WorkScheduleReadAsync(DateOnly startDate, DateOnly endDate, EntityRef? project = null, EntityRef? user = null,
        CancellationToken cancellationToken = default) =>
        _inner.WorkScheduleReadAsync(startDate, endDate, project, user, cancellationToken);

    /// <inheritdoc />
    public Task<JObject> WorkScheduleUpdateAsync(DateOnly date, bool working, string? description = null, EntityRef? project = null,
        EntityRef? user = null, string? recalculateField = null, CancellationToken cancellationToken = default)
    {
        var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var scope = project is not null ? $"project #{project.Id}" : user is not null ? $"user #{user.Id}" : "studio";
        Write($"work schedule update {day} {scope}: {(working ? "working" : "not working")}" +
            (description is null ? string.Empty : $" \"{description}\"") + (recalculateField is null ? string.Empty : $" recalculate {recalculateField}"));
        return Task.FromResult(new JObject
        {
            ["date"] = day,
            ["working"] = working,
            ["description"] = description,
            ["project"] = project is null ? null : Link(project),
            ["user"] = user is null ? null : Link(user),
        });
    }

    /// <inheritdoc />
    public Task<JObject> PreferencesReadAsync(IEnumerable<string>? prefs = null, CancellationToken cancellationToken = default) =>
        _inner.PreferencesReadAsync(prefs, cancellationToken);

    /// <inheritdoc />
    public IShotgun AsUser(string login) => new DryRunShotgun(_inner.AsUser(login), _sink, login, _nextFakeId);

    /// <inheritdoc />
    public Task<JToken> CallMethodAsync(string method, JToken? parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (ShotgunClient.IsReadingMethod(method))
        {
            return _inner.CallMethodAsync(method, parameters, cancellationToken);
        }

        Write($"call {method} {parameters?.ToString(Formatting.None) ?? "(no parameters)"} (not sent: not known to only read)");
        return Task.FromResult<JToken>(JValue.CreateNull());
    }

    /// <inheritdoc />
    public override string ToString() => $"DryRun({_inner})";

    private void Write(string description) =>
        _sink("dry-run: " + description + (_actingAs is null ? string.Empty : $" (as {_actingAs})")
            + (SessionUuid is { } session ? $" (session {session})" : string.Empty));

    private int NextFakeId() => Interlocked.Decrement(ref _nextFakeId.Value);

    private Entity FakeCreate(string entityType, IReadOnlyDictionary<string, object?> data) =>
        FakeRecord(entityType, NextFakeId(), data);

    // A dry run still checks what a real upload would check first, so a missing file shows before the real run.
    private static FileInfo CheckFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(Path.GetFullPath(path));
        return !file.Exists ? throw new FileNotFoundException($"upload: '{file.FullName}' is not a file.", file.FullName)
            : file.Length == 0 ? throw new ArgumentException($"upload: '{file.FullName}' is empty; the site does not take empty files.", nameof(path))
            : file;
    }

    private static JObject Link(EntityRef entity) => new() { ["type"] = entity.Type, ["id"] = entity.Id };

    private static Entity FakeRecord(string entityType, int id, IReadOnlyDictionary<string, object?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var record = new JObject { ["type"] = entityType, ["id"] = id };
        foreach (var field in FieldList.From(data))
        {
            record[field.Value<string>("field_name")!] = field["value"];
        }

        return new Entity(record, data.Keys);
    }

    private static string Json(IReadOnlyDictionary<string, object?> data) => WireValue.From(data).ToString(Formatting.None);

    private static string Modes(IReadOnlyDictionary<string, MultiEntityUpdateMode>? modes) =>
        modes is null || modes.Count == 0
            ? string.Empty
            : " modes " + string.Join(", ", modes.Select(m => $"{m.Key}={FieldList.ModeName(m.Value)}"));
}
