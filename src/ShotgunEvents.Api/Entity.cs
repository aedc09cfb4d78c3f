using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// One entity as the site returned it: the raw JSON object, with typed helpers for the parts every caller needs.
/// </summary>
public sealed class Entity
{
    /// <summary>Wraps a JSON object returned by the site.</summary>
    /// <param name="raw">The object; it must carry <c>type</c> and <c>id</c>.</param>
    public Entity(JObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Raw = raw;
    }

    /// <summary>The JSON object as the site sent it.</summary>
    public JObject Raw { get; }

    /// <summary>The entity type, for example <c>Shot</c>.</summary>
    public string Type => Raw.Value<string>("type") ?? string.Empty;

    /// <summary>The entity id.</summary>
    public int Id => Raw.Value<int?>("id") ?? 0;

    /// <summary>A field's JSON value, or null when the field was not returned.</summary>
    /// <param name="field">The field name, as requested (deep links too).</param>
    public JToken? this[string field] => Raw[field];

    /// <summary>A field's value converted to <typeparamref name="T"/>; default when missing or null.</summary>
    /// <typeparam name="T">The CLR type wanted, for example <c>string</c>, <c>int?</c> or <c>DateTimeOffset?</c>.</typeparam>
    /// <param name="field">The field name.</param>
    /// <returns>The value.</returns>
    public T? Get<T>(string field)
    {
        var token = Raw[field];
        return token is null || token.Type == JTokenType.Null ? default : token.ToObject<T>();
    }

    /// <summary>An entity-link field as a typed link.</summary>
    /// <param name="field">The field name.</param>
    /// <returns>The link, or null when the field is empty or not a link.</returns>
    public EntityRef? GetRef(string field) => EntityRef.FromToken(Raw[field]);

    /// <summary>A multi-entity field as typed links.</summary>
    /// <param name="field">The field name.</param>
    /// <returns>The links; empty when the field is empty or missing.</returns>
    public IReadOnlyList<EntityRef> GetRefs(string field) =>
        Raw[field] is JArray array
            ? array.Select(EntityRef.FromToken).OfType<EntityRef>().ToArray()
            : [];

    /// <summary>This entity as a link (<c>type</c>, <c>id</c> and the name when known).</summary>
    /// <returns>The link.</returns>
    public EntityRef ToRef() => new(Type, Id, Raw.Value<string>("name") ?? Raw.Value<string>("code"));

    /// <inheritdoc />
    public override string ToString() => Raw.ToString(Newtonsoft.Json.Formatting.None);
}
