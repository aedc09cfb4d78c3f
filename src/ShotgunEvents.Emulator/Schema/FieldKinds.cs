namespace ShotgunEvents.Emulator.Schema;

/// <summary>Maps the site's <c>data_type</c> names to <see cref="FieldKind"/> and back.</summary>
internal static class FieldKinds
{
    private static readonly Dictionary<string, FieldKind> ByName = new(StringComparer.Ordinal)
    {
        ["text"] = FieldKind.Text,
        ["number"] = FieldKind.Number,
        ["float"] = FieldKind.Float,
        ["duration"] = FieldKind.Duration,
        ["percent"] = FieldKind.Percent,
        ["checkbox"] = FieldKind.Checkbox,
        ["date"] = FieldKind.Date,
        ["date_time"] = FieldKind.DateTime,
        ["status_list"] = FieldKind.StatusList,
        ["list"] = FieldKind.List,
        ["entity"] = FieldKind.Entity,
        ["multi_entity"] = FieldKind.MultiEntity,
        ["serializable"] = FieldKind.Serializable,
        ["url"] = FieldKind.Url,
        ["uuid"] = FieldKind.Uuid,
        ["entity_type"] = FieldKind.EntityType,
        ["tag_list"] = FieldKind.TagList,
        ["color"] = FieldKind.Color,
        ["image"] = FieldKind.Image,
        ["password"] = FieldKind.Password,
        ["currency"] = FieldKind.Currency,
        ["timecode"] = FieldKind.Timecode,
        ["summary"] = FieldKind.Summary,
        ["calculated"] = FieldKind.Calculated,
        ["pivot_column"] = FieldKind.PivotColumn,
        ["footage"] = FieldKind.Footage,
        ["system_task_type"] = FieldKind.SystemTaskType,
    };

    private static readonly Dictionary<FieldKind, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static bool TryParse(string name, out FieldKind kind) => ByName.TryGetValue(name, out kind);

    public static string Name(FieldKind kind) => Names[kind];

    /// <summary>
    /// The kind of a <c>data_type</c> name. A name this emulator does not know loads as text stored as sent (true is not
    /// returned) and is reported once per name in <paramref name="warnings"/>: a newer site's type never stops a load.
    /// </summary>
    public static bool Resolve(string name, string source, List<string> warnings, out FieldKind kind)
    {
        if (ByName.TryGetValue(name, out kind))
        {
            return true;
        }

        kind = FieldKind.Text;
        var warning = $"The schema in {source} uses the unknown data type '{name}': its values are stored as sent, unchecked.";
        if (!warnings.Contains(warning, StringComparer.Ordinal))
        {
            warnings.Add(warning);
        }

        return false;
    }

    /// <summary>Types whose value the site computes (summaries, query and formula fields): a value sent for one is not stored.</summary>
    public static bool IsComputed(FieldKind kind) => kind is FieldKind.Summary or FieldKind.Calculated or FieldKind.PivotColumn;

    public static bool IsLink(FieldKind kind) => kind is FieldKind.Entity or FieldKind.MultiEntity;
}
