using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// One entity as the site returned it: the raw JSON object, with typed helpers for the parts every caller needs.
/// </summary>
/// <remarks>
/// An entity read by <see cref="IShotgun.FindAsync"/> (or returned by a create or update) knows the fields it was
/// read with (<see cref="Fields"/>). Reading a field that was not among them, through the indexer,
/// <see cref="Get{T}"/>, <see cref="GetRef"/> or <see cref="GetRefs"/>, throws a <see cref="KeyNotFoundException"/>
/// naming the field, as Python's <c>result["field"]</c> raised <c>KeyError</c>: the usual cause is a field missing from
/// the find's field list, and a silent null would only show up later as a wrong result. A field that was asked for and
/// is empty reads as null. <see cref="Raw"/> is the lenient escape hatch: <c>entity.Raw["field"]</c> is null for
/// anything absent, like Python's <c>result.get("field")</c>. An entity made with the one-argument constructor knows
/// no field list and reads every absent field as null.
/// </remarks>
public sealed class Entity
{
    private readonly HashSet<string>? _fields;

    /// <summary>Wraps a JSON object returned by the site; absent fields read as null.</summary>
    /// <param name="raw">The object; it must carry <c>type</c> and <c>id</c>.</param>
    public Entity(JObject raw)
        : this(raw, null)
    {
    }

    /// <summary>Wraps a JSON object the site returned for a read of <paramref name="fields"/>.</summary>
    /// <param name="raw">The object; it must carry <c>type</c> and <c>id</c>.</param>
    /// <param name="fields">
    /// The fields it was read with (besides <c>type</c> and <c>id</c>, which always come back); reading any other absent
    /// field throws. Null for an entity whose field list is unknown: every absent field then reads as null.
    /// </param>
    public Entity(JObject raw, IEnumerable<string>? fields)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Raw = raw;
        if (fields is not null)
        {
            _fields = new HashSet<string>(fields, StringComparer.Ordinal) { "type", "id" };
        }
    }

    /// <summary>The JSON object as the site sent it; <c>Raw["field"]</c> is null for anything absent, whatever was asked for.</summary>
    public JObject Raw { get; }

    /// <summary>The fields this entity was read with (always with <c>type</c> and <c>id</c>); null when unknown.</summary>
    public IReadOnlyCollection<string>? Fields => _fields;

    /// <summary>The entity type, for example <c>Shot</c>.</summary>
    public string Type => Raw.Value<string>("type") ?? string.Empty;

    /// <summary>The entity id.</summary>
    public int Id => Raw.Value<int?>("id") ?? 0;

    /// <summary>A field's JSON value; null when it is empty.</summary>
    /// <param name="field">The field name, as requested (deep links too: <c>entity.Shot.code</c>).</param>
    /// <exception cref="KeyNotFoundException">The field was not among the fields the entity was read with.</exception>
    public JToken? this[string field] => Read(field);

    /// <summary>True when the entity has the field: the site returned it, or it was asked for.</summary>
    /// <param name="field">The field name.</param>
    /// <returns>True when reading it does not throw.</returns>
    public bool Has(string field) => Raw.ContainsKey(field) || _fields is null || _fields.Contains(field);

    /// <summary>A field's value converted to <typeparamref name="T"/>; default when it is empty.</summary>
    /// <typeparam name="T">The CLR type wanted, for example <c>string</c>, <c>int?</c> or <c>DateTimeOffset?</c>.</typeparam>
    /// <param name="field">The field name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The field was not among the fields the entity was read with.</exception>
    public T? Get<T>(string field)
    {
        var token = Read(field);
        return token is null || token.Type == JTokenType.Null ? default : token.ToObject<T>();
    }

    /// <summary>An entity-link field as a typed link.</summary>
    /// <param name="field">The field name.</param>
    /// <returns>The link, or null when the field is empty or not a link.</returns>
    /// <exception cref="KeyNotFoundException">The field was not among the fields the entity was read with.</exception>
    public EntityRef? GetRef(string field) => EntityRef.FromToken(Read(field));

    /// <summary>A multi-entity field as typed links.</summary>
    /// <param name="field">The field name.</param>
    /// <returns>The links; empty when the field is empty.</returns>
    /// <exception cref="KeyNotFoundException">The field was not among the fields the entity was read with.</exception>
    public IReadOnlyList<EntityRef> GetRefs(string field) =>
        Read(field) is JArray array
            ? array.Select(EntityRef.FromToken).OfType<EntityRef>().ToArray()
            : [];

    /// <summary>This entity as a link (<c>type</c>, <c>id</c> and the name when known).</summary>
    /// <returns>The link.</returns>
    public EntityRef ToRef() => new(Type, Id, Raw.Value<string>("name") ?? Raw.Value<string>("code"));

    /// <inheritdoc />
    public override string ToString() => Raw.ToString(Newtonsoft.Json.Formatting.None);

    private JToken? Read(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Raw.TryGetValue(field, StringComparison.Ordinal, out var value))
        {
            return value;
        }

        if (_fields is null || _fields.Contains(field))
        {
            return null;
        }

        var asked = string.Join(", ", _fields.Where(f => f is not ("type" or "id")).Order(StringComparer.Ordinal));
        throw new KeyNotFoundException(
            $"{Type} #{Id} was read with the fields [{asked}]; '{field}' was not among them. Add it to the fields of the " +
            $"find (or read entity.Raw[\"{field}\"], which is null for anything absent).");
    }
}
