using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// Checks one condition against the field's data type and turns it into a test on the field's read value. Operands
/// are converted once here; relative dates are fixed against the query's clock.
/// </summary>
internal sealed class ConditionCompiler(string entityType, string method, DateTimeOffset now)
{
    public ConditionFilter Compile(FieldPath path, string? relation, JArray values)
    {
        var field = path.Leaf;
        var valid = Relations.ValidFor(field.Kind);
        if (valid.Count == 0)
        {
            throw Fault($"{entityType}.{path.Text}: {field.DataTypeName} data type cannot be used in a filter.");
        }

        if (relation is null || !valid.Contains(relation))
        {
            throw Fault($"{entityType}.{path.Text}: the relation '{relation}' is not valid for a field of data type '{field.DataTypeName}'. Valid relations: {string.Join(", ", valid)}.");
        }

        var (positive, negated) = Relations.Split(relation);
        return new ConditionFilter(path, positive, negated, Test(path, relation, positive, values), values);
    }

    private Func<JToken?, bool> Test(FieldPath path, string relation, string positive, JArray values)
    {
        var field = path.Leaf;
        var kind = field.Kind;
        switch (positive)
        {
            case "is":
                return Is(path, relation, Single(path, relation, values));
            case "in":
                var isOne = values.Select(v => Is(path, relation, v)).ToArray();
                return value => isOne.Any(test => test(value));
            case "less_than":
                var below = Typed(path, relation, Single(path, relation, values), required: true);
                return value => TypedValue.From(value, kind) is { } v && TypedValue.Compare(v, below) < 0;
            case "greater_than":
                var above = Typed(path, relation, Single(path, relation, values), required: true);
                return value => TypedValue.From(value, kind) is { } v && TypedValue.Compare(v, above) > 0;
            case "between":
                var pair = Pair(path, relation, values);
                var low = Typed(path, relation, pair[0], required: true);
                var high = Typed(path, relation, pair[1], required: true);
                return value => TypedValue.From(value, kind) is { } v && TypedValue.Compare(v, low) >= 0 && TypedValue.Compare(v, high) <= 0;
            case "contains" or "starts_with" or "ends_with":
                var text = Text(path, relation, Single(path, relation, values));
                return value => value?.Type == JTokenType.String && TextTest(positive, (string)value!, text);
            case "in_last" or "in_next":
                var (count, unit) = Window(path, relation, values);
                var (start, end) = positive == "in_last" ? RelativeDates.Last(now, count, unit) : RelativeDates.Next(now, count, unit);
                return DateRange(kind, start, end, endExclusive: false);
            case "in_calendar_day" or "in_calendar_week" or "in_calendar_month" or "in_calendar_year":
                var offset = Offset(path, relation, values);
                var period = RelativeDates.Calendar(now, positive["in_calendar_".Length..], offset);
                return DateRange(kind, period.Start, period.End, endExclusive: true);
            case "type_is":
                var typeName = Single(path, relation, values);
                var wanted = typeName.Type == JTokenType.Null ? null : Text(path, relation, typeName);
                return value => Links(value, kind).Any(l => (string?)l["type"] == wanted) || (wanted is null && !Links(value, kind).Any());
            default:
                var name = Text(path, relation, Single(path, relation, values));
                var textRelation = positive["name_".Length..] == "is" ? "is" : positive["name_".Length..];
                return value => Links(value, kind).Any(l => l["name"]?.Type == JTokenType.String && TextTest(textRelation, (string)l["name"]!, name));
        }
    }

    private Func<JToken?, bool> Is(FieldPath path, string relation, JToken operand)
    {
        var kind = path.Leaf.Kind;
        if (kind is FieldKind.Entity or FieldKind.MultiEntity)
        {
            var key = operand.Type == JTokenType.Null ? (EntityKey?)null : operand is JObject link && TypedValue.Key(link) is { } k
                ? k
                : throw Fault($"{entityType}.{path.Text}: '{relation}' needs an entity hash with \"type\" and \"id\", got {operand.ToString(Formatting.None)}.");
            return kind == FieldKind.Entity
                ? value => key is null ? value is not JObject : value is JObject l && TypedValue.Key(l) == key
                : value => key is null ? !Links(value, kind).Any() : Links(value, kind).Any(l => TypedValue.Key(l) == key);
        }

        if (kind == FieldKind.TagList)
        {
            var tag = operand.Type == JTokenType.Null ? null : Text(path, relation, operand);
            return value => tag is null
                ? value is not JArray { Count: > 0 }
                : value is JArray tags && tags.Any(t => string.Equals((string?)t, tag, StringComparison.OrdinalIgnoreCase));
        }

        if (kind == FieldKind.Image && operand.Type != JTokenType.Null)
        {
            throw Fault($"{entityType}.{path.Text}: image fields can only be compared with null.");
        }

        var expected = Typed(path, relation, operand, required: false);
        return value => TypedValue.AreEqual(TypedValue.From(value, kind), expected);
    }

    private static IEnumerable<JObject> Links(JToken? value, FieldKind kind) => value switch
    {
        JObject link when kind == FieldKind.Entity => [link],
        JArray array => array.OfType<JObject>(),
        _ => [],
    };

    private static bool TextTest(string relation, string value, string operand) => relation switch
    {
        "is" => string.Equals(value, operand, StringComparison.OrdinalIgnoreCase),
        "contains" => value.Contains(operand, StringComparison.OrdinalIgnoreCase),
        "starts_with" => value.StartsWith(operand, StringComparison.OrdinalIgnoreCase),
        _ => value.EndsWith(operand, StringComparison.OrdinalIgnoreCase),
    };

    private static Func<JToken?, bool> DateRange(FieldKind kind, DateTimeOffset start, DateTimeOffset end, bool endExclusive)
    {
        if (kind == FieldKind.Date)
        {
            var first = DateOnly.FromDateTime(start.UtcDateTime);
            var last = DateOnly.FromDateTime(endExclusive ? end.UtcDateTime.AddTicks(-1) : end.UtcDateTime);
            return value => TypedValue.From(value, kind) is DateOnly d && d >= first && d <= last;
        }

        return value => TypedValue.From(value, kind) is DateTimeOffset t && t >= start && (endExclusive ? t < end : t <= end);
    }

    private JToken Single(FieldPath path, string relation, JArray values)
    {
        if (values.Count == 0)
        {
            return JValue.CreateNull();
        }

        return values.Count == 1
            ? values[0]
            : throw Fault($"{entityType}.{path.Text}: '{relation}' takes one value, got {values.Count}.");
    }

    private JToken[] Pair(FieldPath path, string relation, JArray values) =>
        values.Count == 2 ? [values[0], values[1]] : throw Fault($"{entityType}.{path.Text}: '{relation}' takes two values, got {values.Count}.");

    private object? Typed(FieldPath path, string relation, JToken operand, bool required)
    {
        var kind = path.Leaf.Kind;
        var typed = TypedValue.From(operand, kind);
        var wrongShape = kind switch
        {
            _ when operand.Type == JTokenType.Null => false,
            FieldKind.Number or FieldKind.Float or FieldKind.Duration or FieldKind.Percent or FieldKind.Currency or FieldKind.Timecode => operand.Type is not (JTokenType.Integer or JTokenType.Float),
            FieldKind.Checkbox => operand.Type != JTokenType.Boolean,
            FieldKind.Date or FieldKind.DateTime => typed is null,
            _ => operand.Type != JTokenType.String,
        };
        if (wrongShape || (required && typed is null))
        {
            throw Fault($"{entityType}.{path.Text}: {operand.ToString(Formatting.None)} is not a valid {path.Leaf.DataTypeName} value for '{relation}'.");
        }

        return typed;
    }

    private string Text(FieldPath path, string relation, JToken operand) =>
        operand.Type == JTokenType.String
            ? (string)operand!
            : throw Fault($"{entityType}.{path.Text}: '{relation}' needs a text value, got {operand.ToString(Formatting.None)}.");

    private (int Count, string Unit) Window(FieldPath path, string relation, JArray values)
    {
        if (values.Count == 2 && values[0].Type == JTokenType.Integer && RelativeDates.IsUnit((string?)values[1]))
        {
            return ((int)values[0], (string)values[1]!);
        }

        throw Fault($"{entityType}.{path.Text}: '{relation}' takes [count, unit] with unit HOUR, DAY, WEEK, MONTH or YEAR, got {values.ToString(Formatting.None)}.");
    }

    private int Offset(FieldPath path, string relation, JArray values) =>
        values.Count == 1 && values[0].Type == JTokenType.Integer
            ? (int)values[0]
            : throw Fault($"{entityType}.{path.Text}: '{relation}' takes one whole-number offset (0 = the current period), got {values.ToString(Formatting.None)}.");

    private EmulatorException Fault(string detail) => new(ErrorCodes.InvalidParameters, $"API {method}() {detail}");
}
