using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// A link to one entity as the site sends it: <c>{"type": "Shot", "id": 42, "name": "bunny_010_0010"}</c>.
/// </summary>
/// <remarks>
/// Two links are equal when their <see cref="Type"/> and <see cref="Id"/> are: the <see cref="Name"/> is what the
/// site happened to send with the link (the display name at the time it was read, or none), not part of which
/// entity it is. So <c>e.Added.Contains(shot)</c> and dictionary keys work whether or not either link carries a name.
/// </remarks>
/// <param name="Type">The entity type, for example <c>Shot</c>.</param>
/// <param name="Id">The entity id.</param>
/// <param name="Name">The display name the site sent with the link, when it sent one.</param>
public sealed record EntityRef(string Type, int Id, string? Name = null)
{
    /// <summary>Reads a link from its JSON form; returns null for a JSON null, a missing value or a value that is not a link.</summary>
    /// <param name="token">The JSON value, typically a field of an entity or event.</param>
    /// <returns>The link, or null.</returns>
    public static EntityRef? FromToken(JToken? token)
    {
        if (token is not JObject obj)
        {
            return null;
        }

        var type = obj.Value<string>("type");
        var id = obj["id"];
        if (type is null || id is null || id.Type != JTokenType.Integer)
        {
            return null;
        }

        return new EntityRef(type, id.Value<int>(), obj.Value<string>("name"));
    }

    /// <summary>The wire form of the link: <c>{"type", "id"}</c>, plus <c>name</c> when known.</summary>
    /// <returns>A new JSON object.</returns>
    public JObject ToJson()
    {
        var obj = new JObject { ["type"] = Type, ["id"] = Id };
        if (Name is not null)
        {
            obj["name"] = Name;
        }

        return obj;
    }

    /// <summary>True when <paramref name="other"/> links the same entity: same type and id, whatever the names.</summary>
    /// <param name="other">The other link.</param>
    /// <returns>True for the same entity.</returns>
    public bool Equals(EntityRef? other) =>
        other is not null && Id == other.Id && string.Equals(Type, other.Type, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Id);

    /// <inheritdoc />
    public override string ToString() => Name is null ? $"{Type} #{Id}" : $"{Type} #{Id} ({Name})";
}
