using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>
/// Reads the emulator's schema file: a compact form (<c>{"entities": {Type: {"fields": {name: {"type", ...}}}}}</c>)
/// that <see cref="FieldSchema.ToSchemaJson"/> expands into the site's verbose schema format.
/// </summary>
internal static class SchemaLoader
{
    private const string DefaultResource = "ShotgunEvents.Emulator.Schema.default-schema.json";

    public static SiteSchema LoadDefault()
    {
        using var stream = typeof(SchemaLoader).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded schema resource '{DefaultResource}' is missing from the emulator assembly.");
        return Load(stream, "the embedded default schema");
    }

    public static SiteSchema LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The emulator schema file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static SiteSchema Load(Stream stream, string source)
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(stream)) { DateParseHandling = DateParseHandling.None };
            root = JObject.Load(reader);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The emulator schema in {source} is not valid JSON: {ex.Message}", ex);
        }

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

            result.Add(ReadEntity(typeName, definition, common, source));
        }

        var schema = new SiteSchema(result);
        Validate(schema, source);
        return schema;
    }

    private static EntitySchema ReadEntity(string typeName, JObject definition, JObject common, string source)
    {
        var fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal);
        if (definition.Value<bool?>("common_fields") ?? true)
        {
            foreach (var (name, token) in common)
            {
                fields[name] = ReadField(typeName, name, token, source);
            }
        }

        foreach (var (name, token) in definition["fields"] as JObject ?? [])
        {
            fields[name] = ReadField(typeName, name, token, source);
        }

        if (!fields.ContainsKey("id"))
        {
            throw new InvalidDataException($"The emulator schema in {source}: entity '{typeName}' has no 'id' field.");
        }

        var displayField = definition.Value<string>("display_field") ?? "id";
        return new EntitySchema(typeName, definition.Value<string>("display_name") ?? typeName, displayField, fields.Values);
    }

    private static FieldSchema ReadField(string typeName, string name, JToken? token, string source)
    {
        if (token is not JObject definition)
        {
            throw new InvalidDataException($"The emulator schema in {source}: field {typeName}.{name} must be an object.");
        }

        var typeText = definition.Value<string>("type");
        if (typeText is null || !FieldKinds.TryParse(typeText, out var kind))
        {
            throw new InvalidDataException($"The emulator schema in {source}: field {typeName}.{name} has an unknown type '{typeText}'.");
        }

        var validTypes = definition["valid_types"]?.Values<string>().OfType<string>().ToArray();
        return new FieldSchema
        {
            EntityType = typeName,
            Name = name,
            Kind = kind,
            DisplayName = definition.Value<string>("name") ?? DefaultLabel(name),
            Description = definition.Value<string>("description") ?? string.Empty,
            Editable = definition.Value<bool?>("editable") ?? true,
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

    private static string DefaultLabel(string name)
    {
        var words = (name.StartsWith("sg_", StringComparison.Ordinal) ? name[3..] : name).Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
    }
}
