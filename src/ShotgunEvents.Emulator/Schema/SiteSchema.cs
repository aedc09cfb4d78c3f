using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>Every entity type of the site and its fields, read from a schema JSON file.</summary>
internal sealed class SiteSchema
{
    private readonly Dictionary<string, EntitySchema> _entities;

    public SiteSchema(IEnumerable<EntitySchema> entities)
    {
        _entities = entities.ToDictionary(e => e.Name, StringComparer.Ordinal);
        EntityTypeNames = [.. _entities.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> EntityTypeNames { get; }

    /// <summary>What loading the schema file noticed but did not fail on (unknown data types, links to absent types).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IEnumerable<EntitySchema> Entities => _entities.Values;

    public bool TryGetEntity(string type, out EntitySchema entity) => _entities.TryGetValue(type, out entity!);

    /// <summary>The entity type, or the site's fault naming the method and the unknown type.</summary>
    public EntitySchema GetEntity(string? type, string method)
    {
        if (string.IsNullOrEmpty(type))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() requires an entity type.");
        }

        return _entities.TryGetValue(type, out var entity)
            ? entity
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() Entity type '{type}' does not exist.");
    }

    /// <summary>The field, or the site's fault: <c>API read() Shot.foo doesn't exist.</c></summary>
    public static FieldSchema GetField(EntitySchema entity, string? field, string method) =>
        field is not null && entity.TryGetField(field, out var schema)
            ? schema
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() {entity.Name}.{field} doesn't exist.");

    public JObject ToSchemaReadJson()
    {
        var result = new JObject();
        foreach (var name in EntityTypeNames)
        {
            var fields = new JObject();
            foreach (var field in _entities[name].Fields)
            {
                fields[field.Name] = field.ToSchemaJson();
            }

            result[name] = fields;
        }

        return result;
    }

    public JObject ToSchemaEntityReadJson()
    {
        var result = new JObject();
        foreach (var name in EntityTypeNames)
        {
            result[name] = _entities[name].ToEntitySchemaJson();
        }

        return result;
    }
}
