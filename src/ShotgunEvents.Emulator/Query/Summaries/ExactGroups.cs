using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// The <c>exact</c> group of a value: a link groups by its record (named by its display name, sorted by it); any other
/// value by itself, named by its wire text and sorted by its typed value.
/// </summary>
internal static class ExactGroups
{
    public static GroupKey Empty { get; } = new(string.Empty, string.Empty, JValue.CreateNull(), null);

    public static GroupKey Of(JToken value, GroupContext context)
    {
        if (value is JObject link)
        {
            var name = (string?)link["name"] ?? string.Empty;
            return new GroupKey($"{link["type"]}:{link["id"]}", name, value.DeepClone(), name);
        }

        var typed = TypedValue.From(value, context.Kind);
        var text = Text(value, typed);
        return new GroupKey(text, text, value.DeepClone(), typed);
    }

    /// <summary>The wire text of a value: dates as the site writes them, numbers invariant.</summary>
    public static string Text(JToken value, object? typed) => typed switch
    {
        DateTimeOffset time => WireDates.Format(time),
        DateOnly date => WireDates.FormatDate(date),
        double number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.Type == JTokenType.String ? (string)value! : value.ToString(),
    };

    /// <summary>A group named and valued by one text, sorted by <paramref name="sortValue"/> (the text itself when omitted).</summary>
    public static GroupKey Named(string text, object? sortValue = null) => new(text, text, text, sortValue ?? text);
}
