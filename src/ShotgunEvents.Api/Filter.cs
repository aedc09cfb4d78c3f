using System.Collections;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// A filter for <see cref="IShotgun.FindAsync"/>: one condition (<c>Filter.Is("id", 5)</c>), or an and/or group of
/// filters (<c>Filter.All(...)</c>, <c>Filter.Any(...)</c>), nested as deep as needed. Immutable.
/// </summary>
/// <remarks>
/// Values may be numbers, strings, bools, null, <see cref="DateTime"/>/<see cref="DateTimeOffset"/> (sent in UTC as
/// <c>YYYY-MM-DDTHH:MM:SSZ</c>), <see cref="DateOnly"/> (<c>YYYY-MM-DD</c>), or entity links
/// (<see cref="EntityRef"/>, <see cref="Entity"/>, or a JSON object with <c>type</c> and <c>id</c>; links are trimmed
/// to <c>type</c>, <c>id</c> and <c>name</c>). The raw Python-style list form is accepted by <see cref="FromJson(string)"/>.
/// </remarks>
public sealed class Filter
{
    private static readonly HashSet<string> SingleValueRelations =
    [
        "is", "is_not", "less_than", "greater_than", "contains", "not_contains", "starts_with", "ends_with",
        "in_calendar_day", "in_calendar_week", "in_calendar_month", "in_calendar_year",
        "type_is", "type_is_not", "name_contains", "name_not_contains", "name_is", "name_starts_with", "name_ends_with",
    ];

    private static readonly HashSet<string> PairRelations =
    [
        "between", "not_between", "in_last", "not_in_last", "in_next", "not_in_next",
    ];

    private static readonly HashSet<string> ListRelations = ["in", "not_in"];

    private readonly string? _path;
    private readonly string? _relation;
    private readonly JArray? _values;
    private readonly string? _logicalOperator;
    private readonly Filter[]? _filters;

    private Filter(string path, string relation, JArray values)
    {
        _path = path;
        _relation = relation;
        _values = values;
    }

    private Filter(string logicalOperator, Filter[] filters)
    {
        _logicalOperator = logicalOperator;
        _filters = filters;
    }

    /// <summary>Every relation this builder and <see cref="FromJson(string)"/> accept (protocol §2.4).</summary>
    public static IReadOnlyCollection<string> Relations { get; } =
        SingleValueRelations.Concat(PairRelations).Concat(ListRelations).Order(StringComparer.Ordinal).ToArray();

    /// <summary>True for an and/or group, false for a single condition.</summary>
    public bool IsGroup => _filters is not null;

    /// <summary>A group that matches when every filter matches; with no filters it matches everything.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The group.</returns>
    public static Filter All(params Filter[] filters) => Group("and", filters);

    /// <summary>A group that matches when every filter matches; with no filters it matches everything.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The group.</returns>
    public static Filter All(IEnumerable<Filter> filters) => Group("and", filters);

    /// <summary>A group that matches when any filter matches.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The group.</returns>
    public static Filter Any(params Filter[] filters) => Group("or", filters);

    /// <summary>A group that matches when any filter matches.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The group.</returns>
    public static Filter Any(IEnumerable<Filter> filters) => Group("or", filters);

    /// <summary><c>field is value</c>. On a multi-entity field it means "contains this entity"; <c>null</c> means empty.</summary>
    /// <param name="field">The field path, for example <c>sg_status_list</c> or <c>entity.Shot.code</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public static Filter Is(string field, object? value) => Single(field, "is", value);

    /// <summary><c>field is_not value</c>.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public static Filter IsNot(string field, object? value) => Single(field, "is_not", value);

    /// <summary><c>field less_than value</c> (numbers, dates, text).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public static Filter LessThan(string field, object value) => Single(field, "less_than", value);

    /// <summary><c>field greater_than value</c> (numbers, dates, text).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public static Filter GreaterThan(string field, object value) => Single(field, "greater_than", value);

    /// <summary><c>field contains text</c>, case-insensitive.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter Contains(string field, string text) => Single(field, "contains", text);

    /// <summary><c>field not_contains text</c>, case-insensitive.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter NotContains(string field, string text) => Single(field, "not_contains", text);

    /// <summary><c>field starts_with text</c>, case-insensitive.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter StartsWith(string field, string text) => Single(field, "starts_with", text);

    /// <summary><c>field ends_with text</c>, case-insensitive.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter EndsWith(string field, string text) => Single(field, "ends_with", text);

    /// <summary><c>field between low and high</c>, both ends included.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="low">The low end.</param>
    /// <param name="high">The high end.</param>
    /// <returns>The condition.</returns>
    public static Filter Between(string field, object low, object high) => Make(field, "between", [low, high]);

    /// <summary><c>field not_between low and high</c>.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="low">The low end.</param>
    /// <param name="high">The high end.</param>
    /// <returns>The condition.</returns>
    public static Filter NotBetween(string field, object low, object high) => Make(field, "not_between", [low, high]);

    /// <summary><c>field in [values]</c>. A single list argument is taken as the list: <c>Filter.In("id", ids)</c>.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="values">The values.</param>
    /// <returns>The condition.</returns>
    public static Filter In(string field, params object?[] values) => Make(field, "in", values);

    /// <summary><c>field not_in [values]</c>. A single list argument is taken as the list.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="values">The values.</param>
    /// <returns>The condition.</returns>
    public static Filter NotIn(string field, params object?[] values) => Make(field, "not_in", values);

    /// <summary>A date field in the last <paramref name="count"/> units: <c>Filter.InLast("created_at", 1, DateUnit.Day)</c>.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="count">How many units.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The condition.</returns>
    public static Filter InLast(string field, int count, DateUnit unit) => Relative(field, "in_last", count, unit);

    /// <summary>A date field not in the last <paramref name="count"/> units.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="count">How many units.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The condition.</returns>
    public static Filter NotInLast(string field, int count, DateUnit unit) => Relative(field, "not_in_last", count, unit);

    /// <summary>A date field in the next <paramref name="count"/> units.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="count">How many units.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The condition.</returns>
    public static Filter InNext(string field, int count, DateUnit unit) => Relative(field, "in_next", count, unit);

    /// <summary>A date field not in the next <paramref name="count"/> units.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="count">How many units.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The condition.</returns>
    public static Filter NotInNext(string field, int count, DateUnit unit) => Relative(field, "not_in_next", count, unit);

    /// <summary>A date field on a calendar day: 0 today, -1 yesterday, 1 tomorrow.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="offset">The day offset.</param>
    /// <returns>The condition.</returns>
    public static Filter InCalendarDay(string field, int offset = 0) => Single(field, "in_calendar_day", offset);

    /// <summary>A date field in a calendar week: 0 this week, -1 last week.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="offset">The week offset.</param>
    /// <returns>The condition.</returns>
    public static Filter InCalendarWeek(string field, int offset = 0) => Single(field, "in_calendar_week", offset);

    /// <summary>A date field in a calendar month: 0 this month, -1 last month.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="offset">The month offset.</param>
    /// <returns>The condition.</returns>
    public static Filter InCalendarMonth(string field, int offset = 0) => Single(field, "in_calendar_month", offset);

    /// <summary>A date field in a calendar year: 0 this year, -1 last year.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="offset">The year offset.</param>
    /// <returns>The condition.</returns>
    public static Filter InCalendarYear(string field, int offset = 0) => Single(field, "in_calendar_year", offset);

    /// <summary>An entity field whose linked entity is of <paramref name="entityType"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="entityType">The entity type, for example <c>Shot</c>.</param>
    /// <returns>The condition.</returns>
    public static Filter TypeIs(string field, string entityType) => Single(field, "type_is", entityType);

    /// <summary>An entity field whose linked entity is not of <paramref name="entityType"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="entityType">The entity type.</param>
    /// <returns>The condition.</returns>
    public static Filter TypeIsNot(string field, string entityType) => Single(field, "type_is_not", entityType);

    /// <summary>An entity field whose linked entity's name contains <paramref name="text"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter NameContains(string field, string text) => Single(field, "name_contains", text);

    /// <summary>An entity field whose linked entity's name does not contain <paramref name="text"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter NameNotContains(string field, string text) => Single(field, "name_not_contains", text);

    /// <summary>An entity field whose linked entity's name is <paramref name="name"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="name">The name.</param>
    /// <returns>The condition.</returns>
    public static Filter NameIs(string field, string name) => Single(field, "name_is", name);

    /// <summary>An entity field whose linked entity's name starts with <paramref name="text"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter NameStartsWith(string field, string text) => Single(field, "name_starts_with", text);

    /// <summary>An entity field whose linked entity's name ends with <paramref name="text"/>.</summary>
    /// <param name="field">The entity field path.</param>
    /// <param name="text">The text.</param>
    /// <returns>The condition.</returns>
    public static Filter NameEndsWith(string field, string text) => Single(field, "name_ends_with", text);

    /// <summary>
    /// A condition with any relation of the protocol, Python style: a single list value is taken as the value list,
    /// so <c>Condition("id", "in", ids)</c> and <c>Condition("id", "in", 1, 2)</c> are the same.
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="relation">The relation, for example <c>greater_than</c> (see <see cref="Relations"/>).</param>
    /// <param name="values">The values.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The relation is unknown or has the wrong number of values.</exception>
    public static Filter Condition(string field, string relation, params object?[] values) => Make(field, relation, values);

    /// <summary>
    /// Reads a filter from JSON: the Python API's list form (<c>[["id", "is", 5], ...]</c>, with nested
    /// <c>{"filter_operator": "any", "filters": [...]}</c> groups), a single <c>["id", "is", 5]</c> condition, or the
    /// api3 wire form (<c>{"logical_operator": "and", "conditions": [...]}</c>).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="FormatException">The text is not JSON, or not a filter; the message says where.</exception>
    public static Filter FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException ex)
        {
            throw new FormatException($"The filter is not valid JSON: {ex.Message}", ex);
        }

        return FromJson(token);
    }

    /// <summary>Reads a filter from parsed JSON; the forms of <see cref="FromJson(string)"/>.</summary>
    /// <param name="json">The JSON value.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="FormatException">The value is not a filter; the message says where.</exception>
    public static Filter FromJson(JToken json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReadNode(json, "filters", root: true);
    }

    /// <summary>
    /// The api3 wire form that goes in a <c>read</c> request: always a group,
    /// <c>{"logical_operator": "and"|"or", "conditions": [{"path", "relation", "values": [...]}, ...]}</c>;
    /// a single condition is wrapped in an <c>and</c> group.
    /// </summary>
    /// <returns>A new JSON object.</returns>
    public JObject ToWire() => IsGroup ? ToWireNode() : new JObject
    {
        ["logical_operator"] = "and",
        ["conditions"] = new JArray(ToWireNode()),
    };

    /// <summary>A readable form, for logs: <c>(id is 5 and sg_status_list in ["ip","rev"])</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (_filters is not null)
        {
            return _filters.Length == 0
                ? (_logicalOperator == "and" ? "(all)" : "(none)")
                : "(" + string.Join($" {_logicalOperator} ", _filters.Select(f => f.ToString())) + ")";
        }

        var values = _values!.Count == 1 && !ListRelations.Contains(_relation!)
            ? _values[0].ToString(Formatting.None)
            : _values.ToString(Formatting.None);
        return $"{_path} {_relation} {values}";
    }

    private JObject ToWireNode() => _filters is not null
        ? new JObject
        {
            ["logical_operator"] = _logicalOperator,
            ["conditions"] = new JArray(_filters.Select(f => f.ToWireNode())),
        }
        : new JObject
        {
            ["path"] = _path,
            ["relation"] = _relation,
            ["values"] = _values!.DeepClone(),
        };

    private static Filter Group(string op, IEnumerable<Filter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var list = filters.ToArray();
        if (Array.IndexOf(list, null) >= 0)
        {
            throw new ArgumentException($"A filter group ({op}) cannot contain null filters.", nameof(filters));
        }

        return new Filter(op, list);
    }

    private static Filter Single(string field, string relation, object? value) => Make(field, relation, [value]);

    private static Filter Relative(string field, string relation, int count, DateUnit unit) =>
        Make(field, relation, [count, UnitName(unit)]);

    private static string UnitName(DateUnit unit) => unit switch
    {
        DateUnit.Hour => "HOUR",
        DateUnit.Day => "DAY",
        DateUnit.Week => "WEEK",
        DateUnit.Month => "MONTH",
        DateUnit.Year => "YEAR",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown date unit."),
    };

    private static Filter Make(string field, string relation, object?[]? values)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            throw new ArgumentException($"A filter condition needs a field name (relation '{relation}').", nameof(field));
        }

        values ??= [null];

        // Python semantics: ["id", "in", [1, 2]] and ["id", "in", 1, 2] are the same condition.
        IEnumerable<object?> items = values.Length == 1 && IsList(values[0])
            ? ((IEnumerable)values[0]!).Cast<object?>()
            : values;
        var wire = new JArray(items.Select(WireValue.ForFilter));
        return new Filter(field, relation, Checked(field, relation, wire));
    }

    private static bool IsList(object? value) =>
        value is IEnumerable and not string and not JObject and not JValue and not IDictionary;

    private static JArray Checked(string field, string relation, JArray values)
    {
        string? problem = null;
        if (SingleValueRelations.Contains(relation))
        {
            problem = values.Count == 1 ? null : "takes one value";
        }
        else if (PairRelations.Contains(relation))
        {
            problem = values.Count == 2 ? null : relation.Contains("between", StringComparison.Ordinal)
                ? "takes two values (low, high)"
                : "takes two values (count, unit such as \"DAY\")";
        }
        else if (!ListRelations.Contains(relation))
        {
            throw new ArgumentException(
                $"Unknown filter relation '{relation}' on field '{field}'. Known relations: {string.Join(", ", Relations)}.",
                nameof(relation));
        }

        return problem is null
            ? values
            : throw new ArgumentException($"The filter relation '{relation}' on field '{field}' {problem}; got {values.Count}: {values.ToString(Formatting.None)}.");
    }

    private static Filter ReadNode(JToken json, string where, bool root = false)
    {
        switch (json)
        {
            // The list form: a list of conditions and groups, all of which must match.
            case JArray array when root && (array.Count == 0 || array[0].Type != JTokenType.String):
                return new Filter("and", array.Select((item, i) => ReadNode(item, $"{where}[{i}]")).ToArray());
            case JArray array:
                return ReadTriple(array, where);
            case JObject obj when obj.ContainsKey("path") || obj.ContainsKey("relation"):
                return ReadWireCondition(obj, where);
            case JObject obj when obj.ContainsKey("logical_operator") || obj.ContainsKey("conditions"):
                return ReadGroup(obj, "logical_operator", "conditions", where);
            case JObject obj when obj.ContainsKey("filter_operator") || obj.ContainsKey("filters"):
                return ReadGroup(obj, "filter_operator", "filters", where);
            default:
                throw new FormatException(
                    $"{where}: expected a condition [field, relation, value...], a group {{\"filter_operator\": \"all\"|\"any\", \"filters\": [...]}} " +
                    $"or {{\"logical_operator\", \"conditions\"}}; got {Shorten(json)}.");
        }
    }

    private static Filter ReadTriple(JArray array, string where)
    {
        if (array.Count < 2 || array[0].Type != JTokenType.String || array[1].Type != JTokenType.String)
        {
            throw new FormatException($"{where}: a condition is [field, relation, value...] with a string field and relation; got {Shorten(array)}.");
        }

        return Build(array[0].Value<string>()!, array[1].Value<string>()!, array.Skip(2).ToArray(), where);
    }

    private static Filter ReadWireCondition(JObject obj, string where)
    {
        if (obj["path"]?.Type != JTokenType.String || obj["relation"]?.Type != JTokenType.String || obj["values"] is not JArray values)
        {
            throw new FormatException($"{where}: a wire condition needs string \"path\" and \"relation\" and a \"values\" list; got {Shorten(obj)}.");
        }

        return Build(obj.Value<string>("path")!, obj.Value<string>("relation")!, values.ToArray(), where);
    }

    private static Filter Build(string field, string relation, JToken[] values, string where)
    {
        try
        {
            return Make(field, relation, values.Cast<object?>().ToArray());
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static Filter ReadGroup(JObject obj, string operatorKey, string listKey, string where)
    {
        var op = obj[operatorKey]?.Type == JTokenType.String ? obj.Value<string>(operatorKey)! : null;
        var logical = op?.ToLowerInvariant() switch
        {
            null when obj[operatorKey] is null => "and",
            "and" or "all" => "and",
            "or" or "any" => "or",
            _ => throw new FormatException($"{where}.{operatorKey}: expected \"all\"/\"and\" or \"any\"/\"or\"; got {Shorten(obj[operatorKey]!)}."),
        };
        if (obj[listKey] is not JArray items)
        {
            throw new FormatException($"{where}.{listKey}: expected a list of filters; got {(obj[listKey] is null ? "nothing" : Shorten(obj[listKey]!))}.");
        }

        return new Filter(logical, items.Select((item, i) => ReadNode(item, $"{where}.{listKey}[{i}]")).ToArray());
    }

    private static string Shorten(JToken token)
    {
        var text = token.ToString(Formatting.None);
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
