using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// One <c>{path, relation, values}</c> condition. Negative relations are the negation of their positive twin, so
/// <c>is_not</c> matches empty fields and a deep link matches when any linked row does (or, negated, when none does).
/// </summary>
internal sealed class ConditionFilter(FieldPath path, string relation, bool negated, Func<JToken?, bool> positive, JArray values) : FilterNode
{
    [ThreadStatic]
    private static List<JToken?>? t_values;

    public FieldPath Path { get; } = path;

    /// <summary>The positive relation (<c>in</c> for <c>not_in</c>).</summary>
    public string Relation { get; } = relation;

    public bool Negated { get; } = negated;

    /// <summary>The operand values as sent (for planning, such as the id range of an event read).</summary>
    public JArray Values { get; } = values;

    public override bool Matches(IRow row, SiteData site)
    {
        bool result;
        if (!Path.IsDeep)
        {
            result = positive(row.Read(Path.Root.Name, site));
        }
        else
        {
            var values = t_values ??= [];
            Path.ReadAll(row, site, values);
            result = values.Count == 0 ? positive(null) : values.Any(positive);
        }

        return result != Negated;
    }
}
