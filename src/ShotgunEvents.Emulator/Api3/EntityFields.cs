using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// The <c>entity_fields</c> parameter of <c>note_thread_contents</c> and <c>activity_stream</c>: extra fields per entity
/// type, <c>{"Note": ["addressings_to", "created_by.HumanUser.image"], "Reply": [...]}</c>, checked against the schema.
/// </summary>
internal sealed class EntityFields
{
    private readonly Dictionary<string, IReadOnlyList<FieldPath>> _byType;

    private EntityFields(Dictionary<string, IReadOnlyList<FieldPath>> byType) => _byType = byType;

    /// <summary>
    /// Reads the parameter; null or absent means none. An unknown type or field faults like a read's return field does
    /// (a guess: what a site answers for a bad <c>entity_fields</c> entry is not documented).
    /// </summary>
    public static EntityFields Parse(SiteData site, JToken? value, string method)
    {
        var byType = new Dictionary<string, IReadOnlyList<FieldPath>>(StringComparer.Ordinal);
        if (value is null || value.Type == JTokenType.Null)
        {
            return new EntityFields(byType);
        }

        if (value is not JObject map)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() entity_fields must be a dictionary of entity type to a list of fields, got {value.ToString(Formatting.None)}.");
        }

        foreach (var property in map.Properties())
        {
            var entity = site.Schema.GetEntity(property.Name, method);
            if (property.Value is not JArray list || list.Any(f => f.Type != JTokenType.String))
            {
                throw new EmulatorException(ErrorCodes.InvalidParameters,
                    $"API {method}() entity_fields['{property.Name}'] must be a list of field names, got {property.Value.ToString(Formatting.None)}.");
            }

            byType[entity.Name] = [.. list.Select(f => (string)f!).Distinct(StringComparer.Ordinal).Select(f => FieldPath.Parse(site.Schema, entity, f, method))];
        }

        return new EntityFields(byType);
    }

    /// <summary>The extra fields asked for <paramref name="type"/>; empty when none.</summary>
    public IReadOnlyList<FieldPath> For(string type) => _byType.TryGetValue(type, out var fields) ? fields : [];
}
