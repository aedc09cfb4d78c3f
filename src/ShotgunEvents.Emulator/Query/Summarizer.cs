using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query.Summaries;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// Computes <c>summarize</c>: <c>{"summaries": {field: total}, "groups": [{group_name, group_value, summaries,
/// groups?}]}</c>, one nesting level per grouping entry, the innermost level without a <c>groups</c> key (the Python
/// API's example). The summary and grouping types themselves live in <see cref="SummaryTypes"/> and <see cref="GroupingTypes"/>.
/// </summary>
internal sealed class Summarizer(SiteData site)
{
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
        var context = new GroupContext(spec.Path.Leaf.Kind, DateOnly.FromDateTime(site.Now.UtcDateTime));
        var groups = rows
            .SelectMany(r => KeysOf(spec, context, spec.Path.ReadSingle(r, site)).Select(key => (Row: r, Key: key)))
            .GroupBy(x => x.Key.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Key, Rows: (IReadOnlyList<IRow>)g.Select(x => x.Row).Distinct().ToList()))
            .ToList();
        groups.Sort((a, b) => TypedValue.Compare(a.Key.SortValue, b.Key.SortValue) * (spec.Descending ? -1 : 1));
        foreach (var (key, members) in groups)
        {
            var item = new JObject
            {
                ["group_name"] = key.Name,
                ["group_value"] = key.Value.DeepClone(),
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

    /// <summary>
    /// The groups one row joins: one for a single value, the empty group for no value, and one per element for a
    /// multi-entity or tag list (so a Shot linked to two Assets counts in both). How a real site groups list fields
    /// is not known.
    /// </summary>
    private static IEnumerable<GroupKey> KeysOf(GroupingSpec spec, GroupContext context, JToken? value)
    {
        if (IsEmpty(value))
        {
            return [ExactGroups.Empty];
        }

        var elements = value is JArray list ? list.Where(v => !IsEmpty(v)).ToList() : [value!];
        return elements.Count == 0
            ? [ExactGroups.Empty]
            : elements.Select(v => spec.Type.Key(v, context)).DistinctBy(k => k.Key, StringComparer.OrdinalIgnoreCase);
    }

    private JObject Totals(IReadOnlyList<IRow> rows, IReadOnlyList<SummarySpec> summaries)
    {
        var result = new JObject();
        foreach (var spec in summaries)
        {
            var values = rows.Select(r => spec.Path.ReadSingle(r, site)).ToList();
            var present = values.Where(v => !IsEmpty(v)).Select(v => v!).ToList();
            result[spec.Path.Text] = spec.Type.Compute(new SummaryInput(rows.Count, values, present, spec.Path.Leaf.Kind, spec.Value));
        }

        return result;
    }

    private static bool IsEmpty(JToken? value) => value is null || value.Type == JTokenType.Null || value is JArray { Count: 0 };
}
