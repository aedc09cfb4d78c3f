using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>One field of a create or update: the value sent and, for multi-entity fields, the update mode.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Value">The value as sent.</param>
/// <param name="Mode"><c>set</c> (default), <c>add</c> or <c>remove</c>.</param>
internal sealed record FieldAssignment(string Name, JToken? Value, string? Mode = null)
{
    /// <summary>Reads a field map (<c>{"code": "x"}</c>) as assignments, in order.</summary>
    public static IReadOnlyList<FieldAssignment> FromObject(JObject fields, IReadOnlyDictionary<string, string>? modes = null) =>
        [.. fields.Properties().Select(p => new FieldAssignment(p.Name, p.Value, modes?.GetValueOrDefault(p.Name)))];
}
