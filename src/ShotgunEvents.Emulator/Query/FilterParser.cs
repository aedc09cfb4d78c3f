using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// Reads the filters of a read or summarize: the api3 wire form <c>{"logical_operator", "conditions": [{path,
/// relation, values} | group]}</c>, and for convenience the Python list form (<c>[["code", "is", "x"]]</c>, nested
/// <c>{"filter_operator", "filters"}</c>).
/// </summary>
internal sealed class FilterParser(SiteSchema schema, EntitySchema entity, string method, DateTimeOffset now)
{
    private readonly ConditionCompiler _compiler = new(schema, entity.Name, method, now);

    public FilterNode Parse(JToken? filters) => filters switch
    {
        null or { Type: JTokenType.Null } => new GroupFilter(isOr: false, []),
        JObject group => Group(group),
        JArray list => new GroupFilter(isOr: false, [.. list.Select(Item)]),
        _ => throw Fault($"filters must be an object with logical_operator and conditions, got {filters.ToString(Formatting.None)}."),
    };

    private FilterNode Item(JToken item) => item switch
    {
        JObject obj => obj.ContainsKey("path") ? Condition(obj) : Group(obj),
        JArray triple => Triple(triple),
        _ => throw Fault($"a filter condition must be an object or a list, got {item.ToString(Formatting.None)}."),
    };

    private GroupFilter Group(JObject group)
    {
        if (group.ContainsKey("path"))
        {
            return new GroupFilter(isOr: false, [Condition(group)]);
        }

        var op = group.Value<string>("logical_operator") ?? group.Value<string>("filter_operator") ?? "and";
        var isOr = op switch
        {
            "and" or "all" => false,
            "or" or "any" => true,
            _ => throw Fault($"logical_operator must be 'and' or 'or', got '{op}'."),
        };
        var conditions = group["conditions"] ?? group["filters"] ?? new JArray();
        return conditions is JArray list
            ? new GroupFilter(isOr, [.. list.Select(Item)])
            : throw Fault("conditions must be a list.");
    }

    private ConditionFilter Condition(JObject condition)
    {
        var path = FieldPath.Parse(schema, entity, condition.Value<string>("path"), method);
        var values = condition["values"] switch
        {
            JArray array => Flatten(array),
            null => [],
            var single => new JArray(single.DeepClone()),
        };
        return _compiler.Compile(path, condition.Value<string>("relation"), values);
    }

    private ConditionFilter Triple(JArray triple)
    {
        if (triple.Count < 2 || triple[0].Type != JTokenType.String || triple[1].Type != JTokenType.String)
        {
            throw Fault($"a filter must be [field, relation, value...], got {triple.ToString(Formatting.None)}.");
        }

        var path = FieldPath.Parse(schema, entity, (string?)triple[0], method);
        var values = Flatten(new JArray(triple.Skip(2).Select(v => v.DeepClone())));
        return _compiler.Compile(path, (string?)triple[1], values);
    }

    /// <summary>The Python client sends <c>in</c> and <c>between</c> operands either flat or as one inner list: accept both.</summary>
    private static JArray Flatten(JArray values) =>
        values.Count == 1 && values[0] is JArray inner ? inner : values;

    private EmulatorException Fault(string detail) => new(ErrorCodes.InvalidParameters, $"API {method}() {detail}");
}
