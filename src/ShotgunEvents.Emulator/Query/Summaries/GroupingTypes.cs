using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// The grouping types a site accepts, in the order its error text lists them (the Python API's <c>summarize()</c>
/// docstring and a recorded REST error, <c>"type must be one of: exact, tens, ..."</c>, give the same seventeen).
/// The data types each one fits: see <see cref="SummaryKinds"/>.
/// </summary>
internal static class GroupingTypes
{
    public static readonly IReadOnlyList<GroupingType> All =
    [
        new("exact", SummaryKinds.Any, ExactGroups.Of),
        new("tens", SummaryKinds.Numeric, NumberBuckets.Of(10)),
        new("hundreds", SummaryKinds.Numeric, NumberBuckets.Of(100)),
        new("thousands", SummaryKinds.Numeric, NumberBuckets.Of(1_000)),
        new("tensofthousands", SummaryKinds.Numeric, NumberBuckets.Of(10_000)),
        new("hundredsofthousands", SummaryKinds.Numeric, NumberBuckets.Of(100_000)),
        new("millions", SummaryKinds.Numeric, NumberBuckets.Of(1_000_000)),
        new("day", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.Day)),
        new("week", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.Week)),
        new("month", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.Month)),
        new("quarter", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.Quarter)),
        new("year", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.Year)),
        new("clustered_date", SummaryKinds.Dates, DateClusters.Of),
        new("oneday", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.Day)),
        new("fivedays", SummaryKinds.Dates, DateBuckets.Of(DateBuckets.FiveDays)),
        new("entitytype", SummaryKinds.Links, EntityType),
        new("firstletter", SummaryKinds.Lettered, FirstLetter),
    ];

    private static readonly Dictionary<string, GroupingType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Select(t => t.Name);

    public static GroupingType? Find(string? name) => name is not null && ByName.TryGetValue(name, out var type) ? type : null;

    /// <summary>The types offered for one data type, for the error that names a misfit.</summary>
    public static IEnumerable<string> NamesFor(FieldKind kind) => All.Where(t => t.Fits(kind)).Select(t => t.Name);

    /// <summary>A link's entity type, named and valued by the type name (<c>"Shot"</c>).</summary>
    private static GroupKey EntityType(JToken value, GroupContext context) =>
        value is JObject { } link && (string?)link["type"] is { } type ? ExactGroups.Named(type) : ExactGroups.Of(value, context);

    /// <summary>
    /// The first letter, upper-cased, so <c>"seq010"</c> and <c>"SEQ020"</c> share <c>"S"</c> (text compares without
    /// case on a site; whether a site upper-cases the group name is not known).
    /// </summary>
    private static GroupKey FirstLetter(JToken value, GroupContext context) =>
        value.Type == JTokenType.String && ((string?)value) is { Length: > 0 } text
            ? ExactGroups.Named(text[..1].ToUpperInvariant())
            : ExactGroups.Of(value, context);
}
