using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// One row of the site's event log (<c>EventLogEntry</c>), as a callback receives it: typed members for the fields
/// every plugin reads, and <see cref="Raw"/> (or the indexer) for anything else, exactly as the site sent it.
/// </summary>
/// <remarks>
/// The Python framework passed a dict; <c>event['meta']['new_value']</c> becomes <c>e.NewValue&lt;string&gt;()</c> (or
/// <c>e.Meta["new_value"]</c> as sent), <c>event['meta']['added']</c> becomes <c>e.Added</c>,
/// <c>event['entity']['id']</c> becomes <c>e.Entity?.Id</c> (or <c>e.EntityId</c>, which survives a retirement).
/// Python's truthiness (<c>if event['meta']['new_value']:</c>) is <c>e.Meta["new_value"].IsTruthy()</c>.
/// </remarks>
public sealed class ShotgunEvent
{
    // A copy made by Clone() shares the typed members (all immutable) and takes its deep copy of the record on the
    // first read of Raw or Meta: the engine hands each event to every plugin as a copy, and most callbacks read only
    // the typed members, so copying eagerly was most of the daemon's per-event cost. Nobody writes to the engine's record.
    // An event read by the streaming page reader has no JObject at all until someone asks: _record holds the row.
    private readonly JObject? _source;
    private readonly WireObject? _record;
    private readonly Lock _sourceGate;
    private JObject? _raw;
    private JObject? _meta;

    private ShotgunEvent(ShotgunEvent original)
    {
        // A copy of a copy starts from what that copy holds now, as a deep copy of it would.
        _source = Volatile.Read(ref original._raw) ?? original._source;
        _record = _source is null ? original._record : null;
        _sourceGate = original._sourceGate;
        Id = original.Id;
        EventType = original.EventType;
        CreatedAt = original.CreatedAt;
        AttributeName = original.AttributeName;
        Entity = original.Entity;
        Project = original.Project;
        User = original.User;
        SessionUuid = original.SessionUuid;
    }

    private ShotgunEvent(JObject raw, int id, string eventType, DateTimeOffset createdAt, JObject meta)
    {
        _sourceGate = new Lock();
        _raw = raw;
        Id = id;
        EventType = eventType;
        CreatedAt = createdAt;
        _meta = meta;
        AttributeName = raw.Value<string?>("attribute_name");
        Entity = EntityRef.FromToken(raw["entity"]);
        Project = EntityRef.FromToken(raw["project"]);
        User = EntityRef.FromToken(raw["user"]);
        SessionUuid = raw.Value<string?>("session_uuid");
    }

    private ShotgunEvent(WireObject record, int id, string eventType, DateTimeOffset createdAt)
    {
        _sourceGate = new Lock();
        _record = record;
        Id = id;
        EventType = eventType;
        CreatedAt = createdAt;
        AttributeName = record.TryGet("attribute_name", out var attribute) ? attribute as string : null;
        Entity = LinkOf(record, "entity");
        Project = LinkOf(record, "project");
        User = LinkOf(record, "user");
        SessionUuid = record.TryGet("session_uuid", out var session) ? session as string : null;
    }

    /// <summary>The event id; ids grow with time but may have gaps.</summary>
    public int Id { get; }

    /// <summary>The event type, for example <c>Shotgun_Version_Change</c> or <c>Shotgun_Shot_New</c>.</summary>
    public string EventType { get; }

    /// <summary>The changed field for <c>_Change</c> events, for example <c>sg_status_list</c>; null for <c>_New</c> and <c>_Retirement</c>.</summary>
    public string? AttributeName { get; }

    /// <summary>The entity the event is about; null when that entity has been retired by the time the event is read.</summary>
    public EntityRef? Entity { get; }

    /// <summary>The project of the entity, when it has one.</summary>
    public EntityRef? Project { get; }

    /// <summary>Who made the change: a <c>HumanUser</c> or an <c>ApiUser</c> (a script).</summary>
    public EntityRef? User { get; }

    /// <summary>
    /// The details of the change: <c>old_value</c>/<c>new_value</c> for a field change, <c>added</c>/<c>removed</c> for a
    /// multi-entity field, <c>entity_type</c>/<c>entity_id</c> for creations and retirements. Empty when the site sent none.
    /// </summary>
    public JObject Meta => Volatile.Read(ref _meta) ?? CopySource().Meta;

    /// <summary>The browser session that caused the event, when there was one; see <see cref="IShotgun.SessionUuid"/>.</summary>
    public string? SessionUuid { get; }

    /// <summary>When the site recorded the event, in UTC (offset zero; the site's resolution is one second).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The record exactly as the site sent it.</summary>
    public JObject Raw => Volatile.Read(ref _raw) ?? CopySource().Raw;

    /// <summary>A field of the raw record (<c>description</c>, <c>cached_display_name</c>, ...), or null when absent.</summary>
    /// <param name="field">The field name.</param>
    public JToken? this[string field] => Raw[field];

    /// <summary>
    /// The id of the entity the event is about: <see cref="Entity"/>'s id, or, when that entity has been retired since
    /// (the site then sends <c>entity: null</c>), <c>meta.entity_id</c>. Null for events about no entity.
    /// </summary>
    public int? EntityId => Entity?.Id ?? MetaInt("entity_id");

    /// <summary>
    /// True for the <c>_Change</c> events a creation writes, one per field set at creation (<c>meta.in_create</c>):
    /// the usual check to skip them is <c>if (e.InCreate) return;</c>.
    /// </summary>
    public bool InCreate => Meta["in_create"] is { Type: JTokenType.Boolean } flag && flag.Value<bool>();

    /// <summary>
    /// The links a multi-entity field change added (<c>meta.added</c>), in the site's order; empty when none (or for
    /// any other kind of event).
    /// </summary>
    public IReadOnlyList<EntityRef> Added => Links("added");

    /// <summary>The links a multi-entity field change removed (<c>meta.removed</c>); empty when none.</summary>
    public IReadOnlyList<EntityRef> Removed => Links("removed");

    /// <summary>
    /// The field's value before the change (<c>meta.old_value</c>) as <typeparamref name="T"/>: <c>string</c> for a
    /// status or text, <c>int?</c>, <c>double?</c>, <c>bool?</c>, <c>DateTimeOffset?</c>, <see cref="EntityRef"/> for
    /// an entity link, <c>JToken</c> for the value as sent.
    /// </summary>
    /// <typeparam name="T">The type wanted.</typeparam>
    /// <returns>The value; default (null for a reference or nullable type) when it is empty or absent.</returns>
    /// <exception cref="FormatException">The value cannot be read as <typeparamref name="T"/>; the message shows it.</exception>
    public T? OldValue<T>() => MetaValue<T>("old_value");

    /// <summary>The field's value after the change (<c>meta.new_value</c>) as <typeparamref name="T"/>; see <see cref="OldValue{T}"/>.</summary>
    /// <typeparam name="T">The type wanted.</typeparam>
    /// <returns>The value; default (null for a reference or nullable type) when it is empty or absent.</returns>
    /// <exception cref="FormatException">The value cannot be read as <typeparamref name="T"/>; the message shows it.</exception>
    public T? NewValue<T>() => MetaValue<T>("new_value");

    /// <summary>
    /// True when the change set the field to one of <paramref name="values"/> (<c>meta.new_value</c> is that text):
    /// Python's <c>event["meta"]["new_value"] == "ip"</c> as <c>e.ValueChangedTo("ip")</c>. False for any value that is
    /// not text (read those with <see cref="NewValue{T}"/>).
    /// </summary>
    /// <param name="values">The values; the comparison is exact (ordinal).</param>
    /// <returns>True on a match.</returns>
    public bool ValueChangedTo(params string[] values) => IsOneOf(Meta["new_value"], values);

    /// <summary>True when the field held one of <paramref name="values"/> before the change (<c>meta.old_value</c>); see <see cref="ValueChangedTo"/>.</summary>
    /// <param name="values">The values; the comparison is exact (ordinal).</param>
    /// <returns>True on a match.</returns>
    public bool ValueChangedFrom(params string[] values) => IsOneOf(Meta["old_value"], values);

    /// <summary>Reads an <c>EventLogEntry</c> record as the site returns it.</summary>
    /// <param name="raw">The record; it must carry an integer <c>id</c>, an <c>event_type</c> and a <c>created_at</c>.</param>
    /// <returns>The event, wrapping <paramref name="raw"/> (not a copy).</returns>
    /// <exception cref="FormatException">A required field is missing or has the wrong type; the message names it.</exception>
    public static ShotgunEvent FromJson(JObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var idToken = raw["id"];
        if (idToken is null || idToken.Type != JTokenType.Integer)
        {
            throw new FormatException($"EventLogEntry record has no integer 'id' (got {Describe(idToken)}).");
        }

        var id = idToken.Value<long>();
        if (id is <= 0 or > int.MaxValue)
        {
            throw new FormatException($"EventLogEntry record has an 'id' out of range: {id}.");
        }

        var eventType = raw["event_type"];
        if (eventType is null || eventType.Type != JTokenType.String || string.IsNullOrEmpty(eventType.Value<string>()))
        {
            throw new FormatException($"EventLogEntry #{id} has no 'event_type' string (got {Describe(eventType)}).");
        }

        var createdAt = ReadCreatedAt(raw["created_at"])
            ?? throw new FormatException($"EventLogEntry #{id} has no readable 'created_at' (got {Describe(raw["created_at"])}).");
        var meta = raw["meta"] as JObject ?? [];
        return new ShotgunEvent(raw, (int)id, eventType.Value<string>()!, createdAt, meta);
    }

    /// <summary>
    /// Reads a row the page reader took off the wire, with the same checks and the same typed members as
    /// <see cref="FromJson"/>; <see cref="Raw"/> and <see cref="Meta"/> are built on first use.
    /// </summary>
    /// <exception cref="FormatException">As <see cref="FromJson"/>, with the same message.</exception>
    internal static ShotgunEvent FromWire(WireObject record)
    {
        if (record.TryGet("id", out var idValue) && idValue is long id and > 0 and <= int.MaxValue
            && record.TryGet("event_type", out var typeValue) && typeValue is string { Length: > 0 } eventType
            && record.TryGet("created_at", out var createdValue) && createdValue is string created
            && ParseCreatedAt(created) is { } createdAt
            && IsTextOrNull(record, "attribute_name") && IsTextOrNull(record, "session_uuid")
            && IsPlainLink(record, "entity") && IsPlainLink(record, "project") && IsPlainLink(record, "user"))
        {
            return new ShotgunEvent(record, (int)id, eventType, createdAt);
        }

        // Anything unusual goes the JObject way, so the error (or the odd value it accepts) is exactly FromJson's.
        return FromJson(record.ToJObject());
    }

    /// <summary>A deep copy, so one plugin's changes to <see cref="Raw"/> or <see cref="Meta"/> never reach another.</summary>
    /// <returns>The copy.</returns>
    /// <remarks>The copy of the record is made on the copy's first read of <see cref="Raw"/> or <see cref="Meta"/>.</remarks>
    public ShotgunEvent Clone() => new(this);

    /// <inheritdoc />
    public override string ToString() =>
        AttributeName is null
            ? $"EventLogEntry #{Id} {EventType}"
            : $"EventLogEntry #{Id} {EventType} ({AttributeName})";

    private (JObject Raw, JObject Meta) CopySource()
    {
        // One gate for every copy of the same record, so the source is read by one copy at a time.
        lock (_sourceGate)
        {
            if (_raw is null)
            {
                var copy = _source is not null ? (JObject)_source.DeepClone() : _record!.ToJObject();
                Volatile.Write(ref _meta, copy["meta"] as JObject ?? []);
                Volatile.Write(ref _raw, copy);
            }

            return (_raw, _meta!);
        }
    }

    private int? MetaInt(string key) => Meta[key] is { Type: JTokenType.Integer } value ? value.Value<int>() : null;

    private IReadOnlyList<EntityRef> Links(string key) =>
        Meta[key] is JArray { Count: > 0 } array ? array.Select(EntityRef.FromToken).OfType<EntityRef>().ToArray() : [];

    private T? MetaValue<T>(string key)
    {
        var token = Meta[key];
        if (token is null || token.Type == JTokenType.Null)
        {
            return default;
        }

        if (typeof(T) == typeof(EntityRef))
        {
            return (T?)(object?)EntityRef.FromToken(token)
                ?? throw new FormatException($"{this}: meta.{key} is not an entity link: {token.ToString(Newtonsoft.Json.Formatting.None)}.");
        }

        try
        {
            return token.ToObject<T>();
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or ArgumentException or InvalidCastException or FormatException or OverflowException)
        {
            throw new FormatException(
                $"{this}: meta.{key} cannot be read as {typeof(T).Name}: {token.ToString(Newtonsoft.Json.Formatting.None)}.", ex);
        }
    }

    private static bool IsOneOf(JToken? token, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return token is { Type: JTokenType.String } && Array.IndexOf(values, token.Value<string>()) >= 0;
    }

    private static DateTimeOffset? ReadCreatedAt(JToken? token)
    {
        switch (token)
        {
            case JValue { Value: DateTimeOffset offset }:
                return offset.ToUniversalTime();
            case JValue { Value: DateTime dateTime }:
                // The wire form is UTC ("...Z"); a parser that dropped the kind still meant UTC.
                return new DateTimeOffset(dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
            case JValue { Type: JTokenType.String } value:
                // api3 sends "2024-01-02T03:04:05Z"; create replies and meta use "2024-01-02 03:04:05 UTC".
                return ParseCreatedAt(value.Value<string>()!);
            default:
                return null;
        }
    }

    private static DateTimeOffset? ParseCreatedAt(string value)
    {
        var text = value.Trim();
        if (text.EndsWith(" UTC", StringComparison.Ordinal))
        {
            text = text[..^4] + "Z";
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    private static bool IsTextOrNull(WireObject record, string field) =>
        !record.TryGet(field, out var value) || value is null or string;

    // The links whose reading needs none of Newtonsoft's conversions (a number as a type name, an id beyond int):
    // anything else goes through FromJson, so its result (or error) stays EntityRef.FromToken's.
    private static bool IsPlainLink(WireObject record, string field)
    {
        if (!record.TryGet(field, out var value) || value is not WireObject link)
        {
            return true;
        }

        var typeOk = !link.TryGet("type", out var type) || type is null or string;
        var idOk = !link.TryGet("id", out var id) || id is not long number || number is >= int.MinValue and <= int.MaxValue;
        var nameOk = !link.TryGet("name", out var name) || name is null or string;
        return typeOk && idOk && nameOk;
    }

    // EntityRef.FromToken's rules on a plain wire link: an object with a type and an integer id.
    private static EntityRef? LinkOf(WireObject record, string field)
    {
        if (!record.TryGet(field, out var value) || value is not WireObject link
            || !link.TryGet("type", out var type) || type is not string typeName
            || !link.TryGet("id", out var id) || id is not long number)
        {
            return null;
        }

        return new EntityRef(typeName, (int)number, link.TryGet("name", out var name) ? name as string : null);
    }

    private static string Describe(JToken? token) =>
        token is null ? "nothing" : token.Type == JTokenType.Null ? "null" : $"{token.Type} {token.ToString(Newtonsoft.Json.Formatting.None)}";
}
