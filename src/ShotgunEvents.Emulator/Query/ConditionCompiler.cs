using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// Checks one condition against the field's data type and turns it into a test on the field's read value, the way a
/// site does: the relations each type takes, the operand shapes it accepts (numeric strings for numbers, only floats
/// for a float, only <c>YYYY-MM-DD</c> for a date, only nil for an image) and its error texts. Operands are converted
/// once here; relative dates are fixed against the query's clock.
/// </summary>
/// <remarks>
/// Texts and rules come from probes of a live site (v8.89) recorded in <c>ksallee/sg-groundtruth</c>; where no probe
/// exists (percent operands, a null bound on <c>greater_than</c>, date_time format errors) the rule follows the
/// nearest measured type and the text is the emulator's own.
/// </remarks>
internal sealed class ConditionCompiler(SiteSchema schema, string entityType, string method, DateTimeOffset now)
{
    private const string EntityHashClasses =
        "[Hash, ActiveSupport::HashWithIndifferentAccess, ActionDispatch::Http::Parameters, ActionDispatch::Http::ParamsHashWithIndifferentAccess, NilClass]";

    public ConditionFilter Compile(FieldPath path, string? relation, JArray values)
    {
        var field = path.Leaf;
        var valid = Relations.ValidFor(field.Kind);
        if (valid.Count == 0)
        {
            throw Fault($"{Name(path)}'s '{field.DataTypeName}' data type cannot be used in a filter.");
        }

        if (relation is null || !valid.Contains(relation))
        {
            throw Fault($"{Name(path)}'s '{field.DataTypeName}' data type doesn't support '{relation}' 'relation'. "
                + $"Valid relations: [{string.Join(", ", valid.Select(r => $"\"{r}\""))}]");
        }

        var (positive, negated) = Relations.Split(relation);
        return new ConditionFilter(path, positive, negated, Test(path, relation, positive, values), values);
    }

    private Func<JToken?, bool> Test(FieldPath path, string relation, string positive, JArray values)
    {
        var kind = path.Leaf.Kind;
        switch (positive)
        {
            case "is":
                return Is(path, relation, One(relation, values));
            case "in":
                if (values.Count == 0)
                {
                    throw Fault($"'{relation}' 'relation' expects at least a 1-element array: []");
                }

                var isOne = values.Select(v => Is(path, relation, v)).ToArray();
                return value => isOne.Any(test => test(value));
            case "less_than":
                var below = Required(path, relation, Operand(path, relation, One(relation, values)));
                return value => Normalize(value, kind) is { } v && TypedValue.Compare(v, below) < 0;
            case "greater_than":
                var above = Required(path, relation, Operand(path, relation, One(relation, values)));
                return value => Normalize(value, kind) is { } v && TypedValue.Compare(v, above) > 0;
            case "between":
                return Between(path, relation, values);
            case "contains" or "starts_with" or "ends_with":
                var text = Text(path, relation, One(relation, values));
                return value => value?.Type == JTokenType.String && TextTest(positive, (string)value!, text);
            case "in_last" or "in_next":
                var (count, unit) = Window(relation, values);
                var (start, end) = positive == "in_last" ? RelativeDates.Last(now, count, unit) : RelativeDates.Next(now, count, unit);
                return DateRange(kind, start, end, endExclusive: false);
            case "in_calendar_day" or "in_calendar_week" or "in_calendar_month" or "in_calendar_year":
                var offset = Offset(relation, values);
                var period = RelativeDates.Calendar(now, positive["in_calendar_".Length..], offset);
                return DateRange(kind, period.Start, period.End, endExclusive: true);
            case "type_is":
                var typeName = One(relation, values);
                // A site matches no row for type_is nil (and so every row for type_is_not nil).
                var wanted = typeName.Type == JTokenType.Null ? null : Text(path, relation, typeName);
                return value => wanted is not null && Links(value, kind).Any(l => (string?)l["type"] == wanted);
            default:
                var name = Text(path, relation, One(relation, values));
                var textRelation = positive == "name_is" ? "is" : "contains";
                return kind == FieldKind.TagList
                    ? value => value is JArray tags && tags.Any(t => t.Type == JTokenType.String && TextTest(textRelation, (string)t!, name))
                    : value => Links(value, kind).Any(l => l["name"]?.Type == JTokenType.String && TextTest(textRelation, (string)l["name"]!, name));
        }
    }

    private Func<JToken?, bool> Is(FieldPath path, string relation, JToken operand)
    {
        var kind = path.Leaf.Kind;
        switch (kind)
        {
            case FieldKind.Entity or FieldKind.MultiEntity:
                var key = LinkKey(path, operand);
                return kind == FieldKind.Entity
                    ? value => key is null ? value is not JObject : value is JObject l && TypedValue.Key(l) == key
                    : value => key is null ? !Links(value, kind).Any() : Links(value, kind).Any(l => TypedValue.Key(l) == key);
            case FieldKind.TagList:
                var tag = operand.Type == JTokenType.Null ? null : Text(path, relation, operand);
                return value => tag is null
                    ? value is not JArray { Count: > 0 }
                    : value is JArray tags && tags.Any(t => string.Equals((string?)t, tag, StringComparison.OrdinalIgnoreCase));
            case FieldKind.Image:
                if (operand.Type != JTokenType.Null)
                {
                    throw Fault($"'{relation}' 'relation' expects a nil value for 'image' data type: [{SiteInspect.Of(operand)}]");
                }

                return value => value is null || value.Type == JTokenType.Null;
            default:
                var expected = Operand(path, relation, operand);
                return value => AreEqual(kind, Normalize(value, kind), expected);
        }
    }

    private Func<JToken?, bool> Between(FieldPath path, string relation, JArray values)
    {
        var kind = path.Leaf.Kind;
        if (values.Count != 2)
        {
            throw Fault($"'{relation}' 'relation' expects a 2-element array: {SiteInspect.Of(values)}");
        }

        var first = Operand(path, relation, values[0]);
        var second = Operand(path, relation, values[1]);
        if (first is null || second is null)
        {
            // A nil bound matches nothing, without an error.
            return _ => false;
        }

        // The bounds may come in either order.
        var (low, high) = TypedValue.Compare(first, second) <= 0 ? (first, second) : (second, first);
        return value => Normalize(value, kind) is { } v && TypedValue.Compare(v, low) >= 0 && TypedValue.Compare(v, high) <= 0;
    }

    /// <summary>An operand as the field's comparable value (null for nil), or the site's error for a shape the type refuses.</summary>
    private object? Operand(FieldPath path, string relation, JToken operand)
    {
        var kind = path.Leaf.Kind;
        var type = operand.Type;
        switch (kind)
        {
            case FieldKind.Number or FieldKind.Percent or FieldKind.Timecode:
                return type switch
                {
                    JTokenType.Null => null,
                    JTokenType.Integer => (double)operand,
                    JTokenType.String when long.TryParse(((string)operand!).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => (double)n,
                    JTokenType.String => throw Bare($"Invalid data for '{path.Leaf.DataTypeName}' data type. Value: {(string?)operand}"),
                    _ => throw Expected(path, "[String, Integer, NilClass]", operand),
                };
            case FieldKind.Float or FieldKind.Currency:
                return type switch
                {
                    JTokenType.Null => null,
                    JTokenType.Float => Math.Round((double)operand, 6),
                    JTokenType.String when double.TryParse(((string)operand!).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => Math.Round(f, 6),
                    JTokenType.String => throw Bare($"Invalid data for 'float' data type. Value: {(string?)operand}"),
                    _ => throw Expected(path, "[String, BigDecimal, Float, NilClass]", operand),
                };
            case FieldKind.Duration:
                return type switch
                {
                    JTokenType.Null => null,
                    JTokenType.Integer or JTokenType.Float => Math.Truncate((double)operand),
                    JTokenType.String when double.TryParse(((string)operand!).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Math.Truncate(d),
                    JTokenType.String => throw Bare($"Invalid data for 'duration' data type. Value: {(string?)operand}"),
                    _ => throw Expected(path, "[String, Integer, NilClass, Float]", operand),
                };
            case FieldKind.Checkbox:
                return type switch
                {
                    JTokenType.Boolean => (bool)operand,
                    JTokenType.String when string.Equals((string?)operand, "true", StringComparison.OrdinalIgnoreCase) => true,
                    JTokenType.String when string.Equals((string?)operand, "false", StringComparison.OrdinalIgnoreCase) => false,
                    JTokenType.String => throw Bare($"Invalid data for 'checkbox' data type. Value: {(string?)operand}"),
                    _ => throw Expected(path, "[String, FalseClass, TrueClass]", operand),
                };
            case FieldKind.Date:
                return type switch
                {
                    JTokenType.Null => null,
                    JTokenType.String when ((string)operand!).Length == 0 => null,
                    JTokenType.String when WireDates.TryParseDate((string?)operand, out var date) => date,
                    JTokenType.String => throw Bare($"Invalid date format: {(string?)operand}. Correct format is: 2011-01-21"),
                    _ => throw Expected(path, "[String, NilClass]", operand),
                };
            case FieldKind.DateTime:
                return type switch
                {
                    JTokenType.Null => null,
                    JTokenType.String when ((string)operand!).Length == 0 => null,
                    JTokenType.String when WireDates.TryParseDate((string?)operand, out var day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    JTokenType.String when WireDates.TryParseDateTime((string?)operand, out var time) => time,
                    JTokenType.String => throw Bare($"Invalid date_time format: {(string?)operand}. Correct format is: 2011-01-21T09:00:00Z"),
                    _ => throw Expected(path, "[String, NilClass]", operand),
                };
            case FieldKind.Uuid:
                return type switch
                {
                    JTokenType.String when ((string)operand!).Length == 0 && relation is "is" or "is_not" => null,
                    JTokenType.String when NormalizeUuid((string?)operand) is { } uuid => uuid,
                    JTokenType.String => throw new EmulatorException(ErrorCodes.NotFoundOrDenied,
                        $"Please check your filters for possible invalid value, invalid input syntax for type uuid: \"{(string?)operand}\". -- Read failed for entity type [{entityType}]"),
                    _ => throw Expected(path, "[String]", operand),
                };
            default:
                return type switch
                {
                    JTokenType.Null => null,
                    JTokenType.String when ((string)operand!).Length == 0 && kind != FieldKind.Text => null,
                    JTokenType.String => (string?)operand,
                    _ => throw Expected(path, "[String, NilClass]", operand),
                };
        }
    }

    /// <summary>A stored value as the same comparable form as <see cref="Operand"/>; lenient, since the store already checked it.</summary>
    private static object? Normalize(JToken? value, FieldKind kind)
    {
        if (kind == FieldKind.Checkbox)
        {
            // A site's checkbox is never null: an untouched one reads false.
            return value?.Type == JTokenType.Boolean && (bool)value;
        }

        if (value is null || value.Type == JTokenType.Null)
        {
            return null;
        }

        return kind switch
        {
            FieldKind.Float => TypedValue.From(value, kind) is double f ? Math.Round(f, 6) : null,
            FieldKind.Duration => TypedValue.From(value, kind) is double d ? Math.Truncate(d) : null,
            FieldKind.DateTime when value.Type == JTokenType.String && WireDates.TryParseDate((string?)value, out var day) =>
                new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            FieldKind.Uuid => NormalizeUuid((string?)value),
            FieldKind.Text or FieldKind.List or FieldKind.StatusList or FieldKind.Color or FieldKind.EntityType =>
                value.Type == JTokenType.String && ((string)value!).Length == 0 && kind != FieldKind.Text ? null : (string?)value,
            _ => TypedValue.From(value, kind),
        };
    }

    /// <summary>Text and list values compare without case; colours and entity type names with it; uuids after normalising.</summary>
    private static bool AreEqual(FieldKind kind, object? value, object? expected) => (value, expected) switch
    {
        (null, null) => true,
        (string a, string b) => string.Equals(a, b, kind is FieldKind.Text or FieldKind.List or FieldKind.StatusList ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
        _ => Equals(value, expected),
    };

    private static string? NormalizeUuid(string? text) =>
        Guid.TryParse(text, out var guid) ? guid.ToString("N", CultureInfo.InvariantCulture) : null;

    private EntityKey? LinkKey(FieldPath path, JToken operand)
    {
        if (operand.Type == JTokenType.Null)
        {
            return null;
        }

        if (operand is JObject link)
        {
            if (link["type"]?.Type != JTokenType.String)
            {
                throw Fault($"invalid/missing entity hash string 'type': {SiteInspect.Of(link)}\n Valid entity types: [{string.Join(", ", schema.Entities.Select(e => $"\"{e.Name}\"").Order(StringComparer.Ordinal))}]");
            }

            return TypedValue.Key(link) ?? throw Fault($"invalid/missing entity hash integer 'id': {SiteInspect.Of(link)}");
        }

        throw path.Leaf.Kind == FieldKind.MultiEntity
            ? Fault($"invalid/missing entity hash: {SiteInspect.Of(operand)}")
            : Expected(path, EntityHashClasses, operand);
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

        return value => Normalize(value, kind) is DateTimeOffset t && t >= start && (endExclusive ? t < end : t <= end);
    }

    private JToken One(string relation, JArray values) =>
        values.Count == 1 ? values[0] : throw Fault($"'{relation}' 'relation' expects a 1-element array: {SiteInspect.Of(values)}");

    private object Required(FieldPath path, string relation, object? operand) =>
        operand ?? throw Fault($"{Name(path)}: '{relation}' needs a value, got nil.");

    private string Text(FieldPath path, string relation, JToken operand) =>
        operand.Type == JTokenType.String ? (string)operand! : throw Expected(path, "[String]", operand, relation);

    private (int Count, string Unit) Window(string relation, JArray values)
    {
        if (values.Count != 2)
        {
            throw Fault($"'{relation}' 'relation' expects a 2-element array: {SiteInspect.Of(values)}");
        }

        if (!RelativeDates.IsUnit((string?)(values[1] as JValue)))
        {
            throw Fault($"'{relation}' 'relation' doesn't support the {SiteInspect.Of(values[1]).Replace('"', '\'')} time unit: {SiteInspect.Of(values)} "
                + "Valid time units: [\"HOUR\", \"DAY\", \"WEEK\", \"MONTH\", \"YEAR\"]");
        }

        // The site's own wording, "expects at a positive Integer".
        return values[0].Type == JTokenType.Integer && (long)values[0] > 0 && (long)values[0] <= int.MaxValue
            ? ((int)values[0], (string)values[1]!)
            : throw Fault($"'{relation}' 'relation' expects at a positive Integer time unit: {SiteInspect.Of(values)}");
    }

    private int Offset(string relation, JArray values) =>
        values.Count == 1 && values[0].Type == JTokenType.Integer && (long)values[0] is >= int.MinValue and <= int.MaxValue
            ? (int)values[0]
            : throw Fault($"'{relation}' 'relation' expects one Integer offset (0 = the current period): {SiteInspect.Of(values)}");

    private string Name(FieldPath path) => $"{entityType}.{path.Text}";

    private EmulatorException Expected(FieldPath path, string classes, JToken operand, string? relation = null) =>
        Fault($"{Name(path)}{(relation is null ? string.Empty : $" '{relation}'")} expected {classes} data type(s) but got {SiteInspect.ClassOf(operand)}: {SiteInspect.Of(operand)}");

    private EmulatorException Fault(string detail) => new(ErrorCodes.InvalidParameters, $"API {method}() {detail}");

    /// <summary>Value-format errors a site raises without the <c>API read()</c> prefix.</summary>
    private static EmulatorException Bare(string message) => new(ErrorCodes.InvalidParameters, message);
}
