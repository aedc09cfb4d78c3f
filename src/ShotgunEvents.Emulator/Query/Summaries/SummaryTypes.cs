using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// The summary types a site accepts, in the order its error text lists them (the Python API's <c>summarize()</c>
/// docstring and a recorded REST error give the same thirteen). The data types each one fits: see <see cref="SummaryKinds"/>.
/// </summary>
internal static class SummaryTypes
{
    public static readonly IReadOnlyList<SummaryType> All =
    [
        new("record_count", SummaryKinds.Any, s => s.RowCount),
        new("count", SummaryKinds.Any, s => s.Present.Count),
        new("sum", SummaryKinds.Numeric, s => Number(s.Numbers.Sum())),
        new("maximum", SummaryKinds.Numeric, s => Extreme(s, highest: true)),
        new("minimum", SummaryKinds.Numeric, s => Extreme(s, highest: false)),
        new("average", SummaryKinds.Numeric, Average),
        new("earliest", SummaryKinds.Dates, s => Extreme(s, highest: false)),
        new("latest", SummaryKinds.Dates, s => Extreme(s, highest: true)),
        new("percentage", SummaryKinds.Any, Percentage),
        new("status_percentage", SummaryKinds.Status, StatusPercentage),
        new("status_list", SummaryKinds.Status, StatusRollUp),
        new("checked", SummaryKinds.Checkbox, s => s.All.Count(v => v?.Type == JTokenType.Boolean && (bool)v)),
        new("unchecked", SummaryKinds.Checkbox, s => s.All.Count(v => v?.Type == JTokenType.Boolean && !(bool)v)),
    ];

    private static readonly Dictionary<string, SummaryType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Select(t => t.Name);

    public static SummaryType? Find(string? name) => name is not null && ByName.TryGetValue(name, out var type) ? type : null;

    /// <summary>The types offered for one data type, for the error that names a misfit.</summary>
    public static IEnumerable<string> NamesFor(FieldKind kind) => All.Where(t => t.Fits(kind)).Select(t => t.Name);

    /// <summary>Whole numbers stay integers on the wire, as a site sums a number field.</summary>
    private static JToken Number(double value) =>
        Math.Abs(value % 1) == 0 && Math.Abs(value) < long.MaxValue ? new JValue((long)value) : new JValue(value);

    // An average of no values is 0, not null: what a real site answers for an empty set is not known.
    private static JToken Average(SummaryInput s)
    {
        var numbers = s.Numbers.ToList();
        return numbers.Count == 0 ? 0 : numbers.Average();
    }

    /// <summary>The extreme value itself, as stored (a date stays <c>"2013-05-04"</c>, as in the Python API's example).</summary>
    private static JToken Extreme(SummaryInput s, bool highest)
    {
        JToken? best = null;
        foreach (var value in s.Present)
        {
            var order = best is null ? 0 : TypedValue.Compare(TypedValue.From(value, s.Kind), TypedValue.From(best, s.Kind));
            if (best is null || (highest ? order > 0 : order < 0))
            {
                best = value;
            }
        }

        return best?.DeepClone() ?? JValue.CreateNull();
    }

    /// <summary>
    /// The share of rows whose value equals <c>value</c>, or that have any value when none is sent, rounded to two
    /// places. Unverified: which data types a site offers it for and how it rounds (one third-party table lists it
    /// for percent fields only); this emulator accepts it on any field.
    /// </summary>
    private static JToken Percentage(SummaryInput s) => s.RowCount == 0 ? 0 : Math.Round(100.0 * Hits(s) / s.RowCount, 2);

    /// <summary>
    /// The share of rows in the status <c>value</c> (any status when none is sent), as an integer: a site answers
    /// integers for this type. Known gap: one third-party probe of a real site found it ignored <c>value</c> and
    /// returned numbers it could not explain (3 over 1,900 Tasks, -1 on a group of <c>na</c> Versions); the
    /// emulator keeps the meaning the Python API's docs imply, a per-status share.
    /// </summary>
    private static JToken StatusPercentage(SummaryInput s) =>
        s.RowCount == 0 ? 0 : (long)Math.Round(100.0 * Hits(s) / s.RowCount, MidpointRounding.AwayFromZero);

    private static int Hits(SummaryInput s)
    {
        if (s.Value is null || s.Value.Type == JTokenType.Null)
        {
            return s.Present.Count;
        }

        var wanted = TypedValue.From(s.Value, s.Kind);
        return s.Present.Count(v => TypedValue.AreEqual(TypedValue.From(v, s.Kind), wanted));
    }

    /// <summary>
    /// The status a group rolls up to: its one status when every row with a status shares it, <c>ip</c> for any mix,
    /// null when no row has one. Source: a third-party probe of a real site (every mixed set, even
    /// <c>[null, fin, wtg]</c>, rolled up to <c>ip</c>); whether rows without a status break a single status is not known.
    /// </summary>
    private static JToken StatusRollUp(SummaryInput s)
    {
        var statuses = s.Present.Select(v => (string?)v).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return statuses.Count switch
        {
            0 => JValue.CreateNull(),
            1 => statuses[0],
            _ => "ip",
        };
    }
}
