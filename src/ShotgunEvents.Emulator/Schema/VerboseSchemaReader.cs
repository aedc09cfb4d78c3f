using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>
/// Reads a site's own schema: the <c>schema_read</c> answer (<c>{Type: {field: {data_type: {value}, properties: {...},
/// ...}}}</c>), optionally with the <c>schema_entity_read</c> answer (<c>{Type: {name: {value}, visible: {value}}}</c>).
/// Each definition is kept as it was, so <c>schema_read</c> answers with the site's own text.
/// </summary>
internal static class VerboseSchemaReader
{
    /// <summary>True when every top-level value is a type of field definitions that carry a <c>data_type</c>.</summary>
    public static bool IsSchemaRead(JObject? root) =>
        root is not null && root.HasValues && root.Properties().All(p => p.Value is JObject fields
            && fields.Properties().All(f => f.Value is JObject definition && definition["data_type"] is JObject));

    /// <summary>True when every top-level value is a <c>schema_entity_read</c> entry (<c>{name: {value}}</c>).</summary>
    public static bool IsSchemaEntityRead(JObject? root) =>
        root is not null && root.HasValues && root.Properties().All(p => p.Value is JObject entry && entry["name"] is JObject name && name["value"] is not null);

    public static SiteSchema Read(JObject schemaRead, JObject? entityRead, string source, List<string> warnings)
    {
        var entities = new List<EntitySchema>();
        foreach (var (typeName, token) in schemaRead)
        {
            if (token is not JObject fieldsJson)
            {
                throw new InvalidDataException($"The site schema in {source}: entity '{typeName}' must be an object of fields.");
            }

            var fields = new List<FieldSchema>();
            foreach (var (fieldName, definition) in fieldsJson)
            {
                fields.Add(ReadField(typeName, fieldName, (JObject)definition!, source, warnings));
            }

            if (!fields.Any(f => f.Name == "id"))
            {
                // Every row has an id, listed or not; a trimmed dump without it still loads.
                fields.Add(new FieldSchema { EntityType = typeName, Name = "id", Kind = FieldKind.Number, DisplayName = "Id", Editable = false });
            }

            var entry = entityRead?[typeName] as JObject;
            var displayName = (string?)entry?["name"]?["value"] ?? typeName;
            entities.Add(new EntitySchema(typeName, displayName, DisplayFields.For(typeName, fields), fields) { Source = entry });
        }

        if (entityRead is not null)
        {
            foreach (var missing in entityRead.Properties().Select(p => p.Name).Where(n => schemaRead[n] is null))
            {
                warnings.Add($"The site schema in {source}: schema_entity_read lists '{missing}', which schema_read has no fields for; it is left out.");
            }
        }

        var schema = new SiteSchema(entities) { Warnings = warnings };
        WarnUnknownLinks(schema, source, warnings);
        return schema;
    }

    private static FieldSchema ReadField(string typeName, string name, JObject definition, string source, List<string> warnings)
    {
        var dataType = (string?)definition["data_type"]?["value"]
            ?? throw new InvalidDataException($"The site schema in {source}: field {typeName}.{name} has no data_type value.");
        var known = FieldKinds.Resolve(dataType, source, warnings, out var kind);
        var properties = definition["properties"] as JObject;
        var validTypes = StringList(properties?["valid_types"]?["value"]);
        var defaultValue = properties?["default_value"]?["value"];
        return new FieldSchema
        {
            EntityType = typeName,
            Name = name,
            Kind = kind,
            UnknownDataType = known ? null : dataType,
            DisplayName = (string?)definition["name"]?["value"] ?? CompactSchemaReader.DefaultLabel(name),
            Description = (string?)definition["description"]?["value"] ?? string.Empty,
            Editable = (bool?)definition["editable"]?["value"] ?? true,
            Mandatory = (bool?)definition["mandatory"]?["value"] ?? false,
            Unique = (bool?)definition["unique"]?["value"] ?? false,
            DefaultValue = defaultValue is null || defaultValue.Type == JTokenType.Null ? null : defaultValue.DeepClone(),
            ValidValues = StringList(properties?["valid_values"]?["value"]),
            ValidTypes = validTypes is null || validTypes.Count == 0 || validTypes.Contains("*") ? null : validTypes,
            // The parsed tree belongs to this load alone, so it is kept rather than copied; answers clone it.
            Source = definition,
        };
    }

    private static List<string>? StringList(JToken? token) =>
        token is JArray array ? [.. array.Where(t => t.Type == JTokenType.String).Select(t => (string)t!)] : null;

    // A dump may link to types the script user cannot see; the field still loads, and a write naming them fails as
    // "entity type ... does not exist" would on the site.
    private static void WarnUnknownLinks(SiteSchema schema, string source, List<string> warnings)
    {
        var absent = schema.Entities.SelectMany(e => e.Fields).SelectMany(f => f.ValidTypes ?? [])
            .Where(t => !schema.TryGetEntity(t, out _)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (absent.Count > 0)
        {
            warnings.Add($"The site schema in {source}: fields link to types it does not define: {string.Join(", ", absent)}.");
        }
    }
}
