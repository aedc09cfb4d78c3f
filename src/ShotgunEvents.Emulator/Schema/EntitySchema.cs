using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>One entity type of the site: its fields and how its display name is made.</summary>
internal sealed class EntitySchema
{
    private readonly Dictionary<string, FieldSchema> _fields;

    public EntitySchema(string name, string displayName, string displayField, IEnumerable<FieldSchema> fields)
    {
        Name = name;
        DisplayName = displayName;
        DisplayField = displayField;
        _fields = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        DisplayParts = ParseDisplay(displayField);
    }

    public string Name { get; }

    /// <summary>The <c>schema_entity_read</c> entry exactly as a loaded site schema had it; null for the compact format.</summary>
    public JObject? Source { get; init; }

    public string DisplayName { get; }

    /// <summary>A field name (<c>code</c>) or a template with <c>{field}</c> placeholders (<c>{firstname} {lastname}</c>).</summary>
    public string DisplayField { get; }

    /// <summary>The display template cut into literal text and field names (<c>IsField</c>), parsed once.</summary>
    public IReadOnlyList<(string Text, bool IsField)> DisplayParts { get; }

    public IEnumerable<FieldSchema> Fields => _fields.Values;

    public bool TryGetField(string name, out FieldSchema field) => _fields.TryGetValue(name, out field!);

    public bool HasField(string name) => _fields.ContainsKey(name);

    private static List<(string, bool)> ParseDisplay(string display)
    {
        if (!display.Contains('{', StringComparison.Ordinal))
        {
            return [(display, true)];
        }

        var parts = new List<(string, bool)>();
        var rest = display;
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{', StringComparison.Ordinal);
            var close = open < 0 ? -1 : rest.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                parts.Add((rest, false));
                break;
            }

            if (open > 0)
            {
                parts.Add((rest[..open], false));
            }

            parts.Add((rest[(open + 1)..close], true));
            rest = rest[(close + 1)..];
        }

        return parts;
    }

    /// <summary>The api3 <c>schema_entity_read</c> shape for this type.</summary>
    public JObject ToEntitySchemaJson() => Source is not null ? (JObject)Source.DeepClone() : new()
    {
        ["name"] = new JObject { ["value"] = DisplayName, ["editable"] = false },
        ["visible"] = new JObject { ["value"] = true, ["editable"] = false },
    };
}
