using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>
/// Loads a schema file, recognised by its content:
/// <list type="bullet">
/// <item>a site schema file as <c>dump-schema</c> writes it: <c>{"format": "shotgun-events-site-schema", "schema":
/// &lt;schema_read&gt;, "entities": &lt;schema_entity_read&gt;}</c> (<c>entities</c> optional);</item>
/// <item>a plain saved <c>schema_read</c> answer (optionally wrapped as <c>{"results": ...}</c>);</item>
/// <item>a mockgun pickle (<c>schema.pickle</c>); its <c>schema_entity.pickle</c> is read from beside it when
/// there (either file of the pair may be named);</item>
/// <item>the emulator's own compact format.</item>
/// </list>
/// </summary>
internal static class SchemaLoader
{
    /// <summary>The <c>format</c> marker of the file <c>dump-schema</c> writes.</summary>
    public const string SiteSchemaFormat = "shotgun-events-site-schema";

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

        var bytes = File.ReadAllBytes(path);
        return PickleSchemaReader.IsPickle(bytes) ? LoadPickles(path, bytes) : LoadJson(ParseJson(new MemoryStream(bytes), path), path);
    }

    /// <summary>Loads a JSON schema of any of the JSON formats.</summary>
    public static SiteSchema Load(Stream stream, string source) => LoadJson(ParseJson(stream, source), source);

    private static JObject ParseJson(Stream stream, string source)
    {
        try
        {
            using var reader = new JsonTextReader(new StreamReader(stream)) { DateParseHandling = DateParseHandling.None };
            return JObject.Load(reader);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The emulator schema in {source} is not valid JSON (nor a pickle): {ex.Message}", ex);
        }
    }

    private static SiteSchema LoadJson(JObject root, string source)
    {
        var warnings = new List<string>();
        if (root["results"] is JObject results && root.Count <= 2)
        {
            root = results;
        }

        if (root["schema"] is JObject schemaRead)
        {
            var entities = root["entities"] as JObject;
            if (!VerboseSchemaReader.IsSchemaRead(schemaRead))
            {
                throw new InvalidDataException($"The site schema in {source}: \"schema\" is not a schema_read answer ({{Type: {{field: {{data_type: ...}}}}}}).");
            }

            return VerboseSchemaReader.Read(schemaRead, entities, source, warnings);
        }

        if (CompactSchemaReader.Recognises(root))
        {
            return CompactSchemaReader.Read(root, source, warnings);
        }

        if (VerboseSchemaReader.IsSchemaRead(root))
        {
            return VerboseSchemaReader.Read(root, null, source, warnings);
        }

        throw new InvalidDataException(
            $"The emulator schema in {source} is none of the known formats: a dump-schema file ({{\"schema\": ..., \"entities\": ...}}), " +
            "a saved schema_read answer ({Type: {field: {data_type: ...}}}), mockgun pickles, or the emulator's compact format ({\"entities\": {Type: {\"fields\": ...}}}).");
    }

    private static SiteSchema LoadPickles(string path, byte[] bytes)
    {
        var first = PickleSchemaReader.Load(bytes, path) as JObject;
        if (VerboseSchemaReader.IsSchemaEntityRead(first) && !VerboseSchemaReader.IsSchemaRead(first))
        {
            // The entity pickle was named: its schema pickle is the sibling without "_entity".
            var schemaPath = Sibling(path, "_entity", string.Empty)
                ?? throw new InvalidDataException($"{path} holds a schema_entity_read answer; its schema_read pickle (the same name without '_entity') is not beside it.");
            return FromPickles(schemaPath, PickleSchemaReader.Load(File.ReadAllBytes(schemaPath), schemaPath) as JObject, first, path);
        }

        var entityPath = Sibling(path, "schema", "schema_entity") ?? Sibling(path, ".", "_entity.");
        var entities = entityPath is null ? null : PickleSchemaReader.Load(File.ReadAllBytes(entityPath), entityPath) as JObject;
        return FromPickles(path, first, entities, entityPath);
    }

    private static SiteSchema FromPickles(string schemaPath, JObject? schemaRead, JObject? entityRead, string? entityPath)
    {
        if (!VerboseSchemaReader.IsSchemaRead(schemaRead))
        {
            throw new InvalidDataException($"The schema pickle {schemaPath} does not hold a schema_read answer ({{Type: {{field: {{data_type: ...}}}}}}).");
        }

        if (entityRead is not null && !VerboseSchemaReader.IsSchemaEntityRead(entityRead))
        {
            throw new InvalidDataException($"The schema pickle {entityPath} does not hold a schema_entity_read answer ({{Type: {{name: {{value}}}}}}).");
        }

        return VerboseSchemaReader.Read(schemaRead!, entityRead, schemaPath, []);
    }

    private static string? Sibling(string path, string find, string replace)
    {
        var name = Path.GetFileName(path);
        var index = name.LastIndexOf(find, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name[..index] + replace + name[(index + find.Length)..]);
        return candidate != Path.GetFullPath(path) && File.Exists(candidate) ? candidate : null;
    }
}
