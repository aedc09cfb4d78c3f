using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Files;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Store;

/// <summary>One entity row. Links are stored as bare <c>{type, id}</c> and resolved when read.</summary>
internal sealed class EntityRecord(EntitySchema schema, int id) : IRow
{
    public EntitySchema Schema { get; } = schema;

    public string Type => Schema.Name;

    public int Id { get; } = id;

    public bool Retired { get; set; }

    /// <summary>Stored values, normalised by the value coercer; parentless tokens owned by this row.</summary>
    public Dictionary<string, JToken> Fields { get; } = new(StringComparer.Ordinal);

    public EntityKey Key => new(Type, Id);

    public JToken? Stored(string field) => Fields.TryGetValue(field, out var value) ? value : null;

    public JToken? Read(string field, SiteData site)
    {
        if (field == "id")
        {
            return new JValue(Id);
        }

        if (field == "cached_display_name")
        {
            return new JValue(site.DisplayName(this));
        }

        if (!Schema.TryGetField(field, out var schema))
        {
            return null;
        }

        Fields.TryGetValue(field, out var stored);
        return schema.Kind switch
        {
            FieldKind.Entity => stored is JObject link ? (JToken?)site.LiveLink(link) ?? JValue.CreateNull() : JValue.CreateNull(),
            FieldKind.MultiEntity => LiveLinks(stored as JArray, site),
            FieldKind.Password => JValue.CreateNull(),
            FieldKind.Image => FileUrls.Image(stored, site),
            FieldKind.Url when FileUrls.Upload(this, stored, site) is { } upload => upload,
            _ => stored ?? schema.EmptyValue(),
        };
    }

    private static JArray LiveLinks(JArray? stored, SiteData site)
    {
        var result = new JArray();
        foreach (var item in stored ?? [])
        {
            if (item is JObject link && site.LiveLink(link) is { } live)
            {
                result.Add(live);
            }
        }

        return result;
    }
}
