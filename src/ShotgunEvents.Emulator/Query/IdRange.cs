using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// The id window implied by the top-level <c>and</c> conditions on <c>id</c> (<c>greater_than</c>, <c>less_than</c>,
/// <c>is</c>, <c>between</c>, <c>in</c>), so an event read starts with a binary search instead of a scan. The
/// conditions are still evaluated on every row; this only narrows where to look.
/// </summary>
internal readonly record struct IdRange(int Min, int Max)
{
    public static readonly IdRange All = new(int.MinValue, int.MaxValue);

    public bool IsEmpty => Min > Max;

    public static IdRange From(FilterNode filter)
    {
        var range = All;
        var conditions = filter switch
        {
            GroupFilter { IsOr: false } group => group.Children.OfType<ConditionFilter>(),
            GroupFilter { Children.Count: 1 } single => single.Children.OfType<ConditionFilter>(),
            ConditionFilter condition => [condition],
            _ => [],
        };
        foreach (var condition in conditions.Where(c => !c.Negated && !c.Path.IsDeep && c.Path.Root.Name == "id"))
        {
            range = range.Narrow(condition);
        }

        return range;
    }

    private IdRange Narrow(ConditionFilter condition)
    {
        var numbers = condition.Values.Where(v => v.Type is JTokenType.Integer or JTokenType.Float).Select(v => (double)v).ToArray();
        if (numbers.Length == 0)
        {
            return this;
        }

        return condition.Relation switch
        {
            "greater_than" => this with { Min = Math.Max(Min, Clamp(Math.Floor(numbers[0]) + 1)) },
            "less_than" => this with { Max = Math.Min(Max, Clamp(Math.Ceiling(numbers[0]) - 1)) },
            "is" => new IdRange(Math.Max(Min, Clamp(Math.Ceiling(numbers[0]))), Math.Min(Max, Clamp(Math.Floor(numbers[0])))),
            "between" when numbers.Length == 2 => new IdRange(Math.Max(Min, Clamp(Math.Ceiling(numbers[0]))), Math.Min(Max, Clamp(Math.Floor(numbers[1])))),
            "in" => new IdRange(Math.Max(Min, Clamp(Math.Ceiling(numbers.Min()))), Math.Min(Max, Clamp(Math.Floor(numbers.Max())))),
            _ => this,
        };
    }

    private static int Clamp(double value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
