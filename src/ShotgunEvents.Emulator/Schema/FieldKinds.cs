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
    };

    private static readonly Dictionary<FieldKind, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static bool TryParse(string name, out FieldKind kind) => ByName.TryGetValue(name, out kind);

    public static string Name(FieldKind kind) => Names[kind];

    public static bool IsLink(FieldKind kind) => kind is FieldKind.Entity or FieldKind.MultiEntity;
}
