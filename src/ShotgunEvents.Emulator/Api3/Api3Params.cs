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
}
