using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// <c>tens</c> ... <c>millions</c>: a number falls in the bucket of <c>size</c> that holds it, named
/// <c>"1000 - 1009"</c> and valued (and sorted) by its low end. The name format a real site uses is not known.
/// </summary>
internal static class NumberBuckets
{
    public static Func<JToken, GroupContext, GroupKey> Of(double size) => (value, context) =>
    {
        if (TypedValue.From(value, context.Kind) is not double number)
        {
            return ExactGroups.Of(value, context);
        }

        var low = Math.Floor(number / size) * size;
        var name = string.Create(CultureInfo.InvariantCulture, $"{low} - {low + size - 1}");
        JToken wire = Math.Abs(low) < long.MaxValue ? new JValue((long)low) : new JValue(low);
        return new GroupKey(name, name, wire, low);
    };
}
