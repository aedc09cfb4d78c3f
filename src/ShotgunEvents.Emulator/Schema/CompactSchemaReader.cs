using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>
/// Reads the emulator's own compact schema form (<c>{"entities": {Type: {"fields": {name: {"type", ...}}}}}</c>)
/// that <see cref="FieldSchema.ToSchemaJson"/> expands into the site's verbose schema format.
/// </summary>
internal static class CompactSchemaReader
{
    /// <summary>True when the root looks like the compact form: an <c>entities</c> object of <c>{"fields": ...}</c> definitions.</summary>
    public static bool Recognises(JObject root) =>
        (string?)root["format"] == "shotgun-events-emulator-schema"
        || (root["entities"] is JObject entities && root["schema"] is null
            && entities.Properties().Any() && entities.Properties().All(p => p.Value is JObject o && (o["fields"] is JObject || o["display_field"] is not null)));

    public static SiteSchema Read(JObject root, string source, List<string> warnings)
    {
        var common = root["common_fields"] as JObject ?? [];
        if (root["entities"] is not JObject entities || !entities.HasValues)
        {
            throw new InvalidDataException($"The emulator schema in {source} has no \"entities\" object.");
        }

        var result = new List<EntitySchema>();
        foreach (var (typeName, token) in entities)
        {
            if (token is not JObject definition)
            {
                throw new InvalidDataException($"The emulator schema in {source}: entity '{typeName}' must be an object.");
            }

            result.Add(ReadEntity(typeName, definition, common, source, warnings));
        }

        var schema = new SiteSchema(result) { Warnings = warnings };
        Validate(schema, source);
        return schema;
    }

    private static EntitySchema ReadEntity(string typeName, JObject definition, JObject common, string source, List<string> warnings)
    {
        var fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal);
        if (definition.Value<bool?>("common_fields") ?? true)
        {
            foreach (var (name, token) in common)
            {
                fields[name] = ReadField(typeName, name, token, source, warnings);
            }
        }

        foreach (var (name, token) in definition["fields"] as JObject ?? [])
        {
            fields[name] = ReadField(typeName, name, token, source, warnings);
        }

        if (!fields.ContainsKey("id"))
        {
            throw new InvalidDataException($"The emulator schema in {source}: entity '{typeName}' has no 'id' field.");
        }

        var displayField = definition.Value<string>("display_field") ?? "id";
        return new EntitySchema(typeName, definition.Value<string>("display_name") ?? typeName, displayField, fields.Values);
    }

    private static FieldSchema ReadField(string typeName, string name, JToken? token, string source, List<string> warnings)
    {
        if (token is not JObject definition)
        {
            throw new InvalidDataException($"The emulator schema in {source}: field {typeName}.{name} must be an object.");
        }

        var typeText = definition.Value<string>("type");
        if (typeText is null)
        {
            throw new InvalidDataException($"The emulator schema in {source}: field {typeName}.{name} has no \"type\".");
        }

        var known = FieldKinds.Resolve(typeText, source, warnings, out var kind);

        var validTypes = definition["valid_types"]?.Values<string>().OfType<string>().ToArray();
        return new FieldSchema
        {
            EntityType = typeName,
            Name = name,
            Kind = kind,
            DisplayName = definition.Value<string>("name") ?? DefaultLabel(name),
            Description = definition.Value<string>("description") ?? string.Empty,
            Editable = definition.Value<bool?>("editable") ?? !FieldKinds.IsComputed(kind),
            UnknownDataType = known ? null : typeText,
            Mandatory = definition.Value<bool?>("mandatory") ?? false,
            Unique = definition.Value<bool?>("unique") ?? false,
            DefaultValue = definition["default"]?.DeepClone(),
            ValidValues = definition["valid_values"]?.Values<string>().OfType<string>().ToArray(),
            ValidTypes = validTypes is null || validTypes.Contains("*") ? null : validTypes,
        };
    }

    private static void Validate(SiteSchema schema, string source)
    {
        foreach (var field in schema.Entities.SelectMany(e => e.Fields))
        {
            foreach (var type in field.ValidTypes ?? [])
            {
                if (!schema.TryGetEntity(type, out _))
                {
                    throw new InvalidDataException(
                        $"The emulator schema in {source}: field {field.EntityType}.{field.Name} links to the unknown type '{type}'.");
                }
            }
        }
    }

    public static string DefaultLabel(string name)
    {
        var words = (name.StartsWith("sg_", StringComparison.Ordinal) ? name[3..] : name).Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
    }
}
