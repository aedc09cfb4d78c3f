using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>Reads the parts every api3 method shares out of its params object.</summary>
internal static class Api3Params
{
    public static JObject Object(JToken? value, string method) =>
        value as JObject ?? throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() expects an object of parameters.");

    public static EntitySchema Entity(SiteData site, JObject parameters, string method) =>
        site.Schema.GetEntity(parameters.Value<string?>("type"), method);

    public static int Id(JObject parameters, string method) =>
        parameters["id"]?.Type == JTokenType.Integer
            ? (int)parameters["id"]!
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() requires an integer id, got {parameters["id"]?.ToString(Formatting.None) ?? "nothing"}.");

    /// <summary><c>[{"field_name", "value", "multi_entity_update_mode"?}]</c>, or a plain field map.</summary>
    public static IReadOnlyList<FieldAssignment> Fields(JObject parameters, string method)
    {
        var modes = (parameters["multi_entity_update_modes"] as JObject)?.Properties()
            .ToDictionary(p => p.Name, p => (string?)p.Value ?? "set", StringComparer.Ordinal);
        return parameters["fields"] switch
        {
            JArray list => [.. list.Select(item => item is JObject field && field.Value<string?>("field_name") is { } name
                ? new FieldAssignment(name, field["value"], field.Value<string?>("multi_entity_update_mode") ?? modes?.GetValueOrDefault(name))
                : throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() each field must be {{\"field_name\", \"value\"}}, got {item.ToString(Formatting.None)}."))],
            JObject map => FieldAssignment.FromObject(map, modes),
            null => [],
            _ => throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() fields must be a list of {{\"field_name\", \"value\"}}."),
        };
    }

    public static IReadOnlyList<FieldPath> ReturnFields(SiteData site, EntitySchema entity, JToken? fields, string method, IEnumerable<string>? always = null)
    {
        var names = (fields as JArray)?.Select(f => (string?)f).ToList() ?? ["id"];
        foreach (var name in always ?? [])
        {
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return [.. names.Where(n => n is not ("type" or null)).Distinct().Select(n => FieldPath.Parse(site.Schema, entity, n, method))];
    }

    /// <summary>
    /// An entity-hash parameter, <c>{"type", "id"}</c>, naming a live row whose type is one of <paramref name="types"/>
    /// (any type when none are given). A missing or malformed hash and a type not allowed are error 103; a row that does
    /// not exist or is retired is 104 with the text writes use.
    /// </summary>
    public static EntityRecord LiveEntity(SiteData site, JToken? value, string name, string method, params string[] types)
    {
        if (value is not JObject link || link["type"]?.Type != JTokenType.String || link["id"]?.Type != JTokenType.Integer)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() {name} must be an entity hash with \"type\" and \"id\", got {value?.ToString(Formatting.None) ?? "nothing"}.");
        }

        var type = (string)link["type"]!;
        var id = (int)link["id"]!;
        if (types.Length > 0 && !types.Contains(type, StringComparer.Ordinal))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() {name} must be of type {string.Join(" or ", types)}, got '{type}'.");
        }

        var entity = site.Schema.GetEntity(type, method);
        return site.FindLive(entity.Name, id) ?? throw WriteErrors.NotFound(method, entity.Name, id);
    }

    /// <summary>An optional entity-hash parameter: null when absent or JSON null.</summary>
    public static EntityRecord? OptionalLiveEntity(SiteData site, JToken? value, string name, string method, params string[] types) =>
        value is null || value.Type == JTokenType.Null ? null : LiveEntity(site, value, name, method, types);
}
