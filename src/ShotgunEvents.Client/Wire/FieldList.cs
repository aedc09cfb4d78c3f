using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Wire;

/// <summary>Field dictionaries in the api3 write form: <c>[{"field_name", "value"[, "multi_entity_update_mode"]}]</c>.</summary>
internal static class FieldList
{
    public static JArray From(IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, MultiEntityUpdateMode>? modes = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (modes is not null)
        {
            var unknown = modes.Keys.Where(field => !data.ContainsKey(field)).ToArray();
            if (unknown.Length > 0)
            {
                throw new ArgumentException(
                    $"Multi-entity update modes name fields that are not in the data: {string.Join(", ", unknown)}.", nameof(modes));
            }
        }

        var fields = new JArray();
        foreach (var (name, value) in data)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A field name in the data is empty.", nameof(data));
            }

            var field = new JObject { ["field_name"] = name, ["value"] = WireValue.From(value) };
            if (modes is not null && modes.TryGetValue(name, out var mode))
            {
                field["multi_entity_update_mode"] = ModeName(mode);
            }

            fields.Add(field);
        }

        return fields;
    }

    public static string ModeName(MultiEntityUpdateMode mode) => mode switch
    {
        MultiEntityUpdateMode.Set => "set",
        MultiEntityUpdateMode.Add => "add",
        MultiEntityUpdateMode.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown multi-entity update mode."),
    };

    /// <summary>The <c>return_fields</c> of a create: <c>id</c> first, then the extra fields, each once.</summary>
    public static JArray ReturnFields(IEnumerable<string>? extra) =>
        new(new[] { "id" }.Concat(extra ?? []).Distinct(StringComparer.Ordinal));
}
