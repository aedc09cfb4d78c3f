using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// Computes <c>summarize</c>: totals over the matching rows (<c>record_count</c>, <c>count</c>, <c>sum</c>,
/// <c>maximum</c>, <c>minimum</c>, <c>average</c>, <c>earliest</c>, <c>latest</c>, <c>checked</c>, <c>unchecked</c>,
/// <c>percentage</c>, <c>status_percentage</c>), optionally grouped on several levels.
/// </summary>
internal sealed class Summarizer(SiteData site)
{
    public static readonly IReadOnlyList<string> SummaryTypes =
        ["record_count", "count", "sum", "maximum", "minimum", "average", "earliest", "latest", "checked", "unchecked", "percentage", "status_percentage"];

    public static readonly IReadOnlyList<string> GroupingTypes =
        ["exact", "firstletter", "day", "week", "month", "quarter", "year", "tens", "hundreds", "thousands"];

    public JObject Summarize(IReadOnlyList<IRow> rows, IReadOnlyList<SummarySpec> summaries, IReadOnlyList<GroupingSpec> grouping) => new()
    {
        ["summaries"] = Totals(rows, summaries),
        ["groups"] = Groups(rows, summaries, grouping, 0),
    };

    private JArray Groups(IReadOnlyList<IRow> rows, IReadOnlyList<SummarySpec> summaries, IReadOnlyList<GroupingSpec> grouping, int level)
    {
        var result = new JArray();
        if (level >= grouping.Count)
        {
            return result;
        }

        var spec = grouping[level];
        var groups = rows
            .Select(r => (Row: r, Group: GroupOf(spec, spec.Path.ReadSingle(r, site))))
            .GroupBy(x => x.Group.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Group, Rows: (IReadOnlyList<IRow>)g.Select(x => x.Row).ToList()))
            .ToList();
        groups.Sort((a, b) => TypedValue.Compare(a.Group.SortValue, b.Group.SortValue) * (spec.Descending ? -1 : 1));
        foreach (var (group, members) in groups)
        {
            var item = new JObject
            {
                ["group_name"] = group.Name,
                ["group_value"] = group.Value,
                ["summaries"] = Totals(members, summaries),
            };
            if (level + 1 < grouping.Count)
            {
                item["groups"] = Groups(members, summaries, grouping, level + 1);
            }

            result.Add(item);
        }

        return result;
    }

    private JObject Totals(IReadOnlyList<IRow> rows, IReadOnlyList<SummarySpec> summaries)
    {
        var result = new JObject();
        foreach (var spec in summaries)
        {
            result[spec.Path.Text] = Total(rows, spec);
        }

        return result;
    }

    private JToken Total(IReadOnlyList<IRow> rows, SummarySpec spec)
    {
        var kind = spec.Path.Leaf.Kind;
        if (spec.Type == "record_count")
        {
            return rows.Count;
        }

        var values = rows.Select(r => spec.Path.ReadSingle(r, site)).ToList();
        var present = values.Where(v => v is not null && v.Type != JTokenType.Null && !(v is JArray { Count: 0 })).ToList();
        switch (spec.Type)
        {
            case "count":
                return present.Count;
            case "checked" or "unchecked":
                var want = spec.Type == "checked";
                return values.Count(v => v?.Type == JTokenType.Boolean && (bool)v == want);
            case "sum":
                return Number(present.Select(v => TypedValue.From(v, kind)).OfType<double>().Sum());
            case "average":
                var numbers = present.Select(v => TypedValue.From(v, kind)).OfType<double>().ToList();
                return numbers.Count == 0 ? 0 : numbers.Average();
            case "percentage" or "status_percentage":
                if (rows.Count == 0)
                {
                    return 0;
                }

                var wanted = spec.Value is null ? null : TypedValue.From(spec.Value, kind);
                var hits = wanted is null ? present.Count : present.Count(v => TypedValue.AreEqual(TypedValue.From(v, kind), wanted));
                return Math.Round(100.0 * hits / rows.Count, 2);
            default:
                // maximum, minimum, earliest, latest: the extreme value itself, as stored.
                var highest = spec.Type is "maximum" or "latest";
                JToken? best = null;
                foreach (var value in present)
                {
                    var order = best is null ? 1 : TypedValue.Compare(TypedValue.From(value, kind), TypedValue.From(best, kind));
                    if (best is null || (highest ? order > 0 : order < 0))
                    {
                        best = value;
                    }
                }

                return best?.DeepClone() ?? JValue.CreateNull();
        }
    }

    private static JToken Number(double value) => Math.Abs(value % 1) == 0 && Math.Abs(value) < long.MaxValue ? new JValue((long)value) : new JValue(value);

    private static GroupKey GroupOf(GroupingSpec spec, JToken? value)
    {
        if (value is null || value.Type == JTokenType.Null || value is JArray { Count: 0 })
        {
            return new GroupKey(string.Empty, string.Empty, JValue.CreateNull(), null);
        }

        var kind = spec.Path.Leaf.Kind;
        if (value is JObject link)
        {
            var name = (string?)link["name"] ?? string.Empty;
            return new GroupKey($"{link["type"]}:{link["id"]}", name, value.DeepClone(), name);
        }

        var typed = TypedValue.From(value, kind);
        var text = typed switch
        {
            DateTimeOffset time => WireDates.Format(time),
            DateOnly date => WireDates.FormatDate(date),
            double number => number.ToString(CultureInfo.InvariantCulture),
            _ => value.Type == JTokenType.String ? (string)value! : value.ToString(),
        };
        return spec.Type switch
        {
            "firstletter" when text.Length > 0 => Bucket(text[..1].ToUpperInvariant()),
            "day" or "week" or "month" or "quarter" or "year" when DayOf(typed) is { } day => Bucket(DateBucket(spec.Type, day)),
            "tens" or "hundreds" or "thousands" when typed is double number => NumberBucket(spec.Type, number),
            _ => new GroupKey(text, text, value.DeepClone(), typed),
        };
    }

    private static GroupKey Bucket(string text) => new(text, text, text, text);

    private static GroupKey NumberBucket(string type, double number)
    {
        var size = type switch { "tens" => 10, "hundreds" => 100, _ => 1000 };
        var low = Math.Floor(number / size) * size;
        var name = string.Create(CultureInfo.InvariantCulture, $"{low} - {low + size - 1}");
        return new GroupKey(name, name, low, low);
    }

    private static DateOnly? DayOf(object? typed) => typed switch
    {
        DateTimeOffset time => DateOnly.FromDateTime(time.UtcDateTime),
        DateOnly date => date,
        _ => null,
    };

    private static string DateBucket(string type, DateOnly day) => type switch
    {
        "day" => WireDates.FormatDate(day),
        "week" => WireDates.FormatDate(day.AddDays(-(((int)day.DayOfWeek + 6) % 7))),
        "month" => day.ToString("yyyy'-'MM", CultureInfo.InvariantCulture),
        "quarter" => string.Create(CultureInfo.InvariantCulture, $"{day.Year} Q{((day.Month - 1) / 3) + 1}"),
        _ => day.Year.ToString(CultureInfo.InvariantCulture),
    };
}
