using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>One field of an entity type: its data type, label, defaults and constraints.</summary>
internal sealed class FieldSchema
{
    public required string EntityType { get; init; }

    public required string Name { get; init; }

    public required FieldKind Kind { get; init; }

    public required string DisplayName { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>
    /// The schema's editable flag: whether a value may be changed by an update. Any field but the id may be set on create.
    /// </summary>
    public bool Editable { get; init; } = true;

    /// <summary>The schema's mandatory flag: reported, never enforced (sites create rows without such fields).</summary>
    public bool Mandatory { get; init; }

    public bool Unique { get; init; }

    /// <summary>The server-set default, applied on create when the field is not sent; null for none.</summary>
    public JToken? DefaultValue { get; init; }

    /// <summary>The allowed values of a list or status_list field; null for other types.</summary>
    public IReadOnlyList<string>? ValidValues { get; init; }

    /// <summary>The entity types an entity or multi_entity field may point to; null when any type is allowed.</summary>
    public IReadOnlyList<string>? ValidTypes { get; init; }

    /// <summary>The site's <c>data_type</c> when this emulator does not know it (values are then stored as sent).</summary>
    public string? UnknownDataType { get; init; }

    /// <summary>The field definition exactly as a loaded site schema had it; null for the compact format.</summary>
    public JObject? Source { get; init; }

    public string DataTypeName => UnknownDataType ?? FieldKinds.Name(Kind);

    /// <summary>Fields the server fills itself: writes never generate events for them.</summary>
    public bool IsSystem => Name is "id" or "created_at" or "updated_at" or "created_by" or "updated_by" or "cached_display_name" or "image";

    public bool AcceptsType(string entityType) => ValidTypes is null || ValidTypes.Contains(entityType, StringComparer.Ordinal);

    /// <summary>The value a field reads as when it was never set.</summary>
    public JToken EmptyValue() => Kind switch
    {
        FieldKind.MultiEntity or FieldKind.TagList => new JArray(),
        FieldKind.Checkbox => new JValue(false),
        _ => JValue.CreateNull(),
    };

    /// <summary>The field definition in the site's schema format: every leaf is <c>{"value", "editable"}</c>.</summary>
    public JObject ToSchemaJson()
    {
        if (Source is not null)
        {
            return (JObject)Source.DeepClone();
        }

        var properties = new JObject
        {
            ["default_value"] = Leaf(DefaultValue?.DeepClone() ?? JValue.CreateNull(), editable: false),
            ["summary_default"] = Leaf(SummaryDefault(), editable: true),
        };
        if (ValidValues is not null)
        {
            properties["valid_values"] = Leaf(new JArray(ValidValues), editable: true);
        }

        if (FieldKinds.IsLink(Kind))
        {
            properties["valid_types"] = Leaf(new JArray(ValidTypes ?? []), editable: true);
        }

        return new JObject
        {
            ["name"] = Leaf(DisplayName, editable: true),
            ["description"] = Leaf(Description, editable: true),
            ["entity_type"] = Leaf(EntityType, editable: false),
            ["data_type"] = Leaf(DataTypeName, editable: false),
            ["editable"] = Leaf(Editable, editable: false),
            ["mandatory"] = Leaf(Mandatory, editable: false),
            ["unique"] = Leaf(Unique, editable: false),
            ["visible"] = Leaf(true, editable: false),
            ["ui_value_displayable"] = Leaf(true, editable: false),
            ["custom_metadata"] = Leaf(string.Empty, editable: true),
            ["properties"] = properties,
        };
    }

    private string SummaryDefault() => Kind switch
    {
        FieldKind.Number or FieldKind.Float or FieldKind.Duration or FieldKind.Currency or FieldKind.Timecode => "sum",
        FieldKind.StatusList => "status_percentage",
        FieldKind.Checkbox => "checked",
        _ => "none",
    };

    private static JObject Leaf(JToken value, bool editable) => new() { ["value"] = value, ["editable"] = editable };
}
