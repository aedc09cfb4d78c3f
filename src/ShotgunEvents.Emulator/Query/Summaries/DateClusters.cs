using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// <c>clustered_date</c>: a date falls in one of seven clusters around the site's today, sorted in time order.
/// A guess at a real site's clusters (the Python API only names the type): Earlier, Last 7 Days, Yesterday, Today,
/// Tomorrow, Next 7 Days, Later, each named and valued by its label.
/// </summary>
internal static class DateClusters
{
    private static readonly string[] Labels = ["Earlier", "Last 7 Days", "Yesterday", "Today", "Tomorrow", "Next 7 Days", "Later"];

    public static GroupKey Of(JToken value, GroupContext context)
    {
        if (DateBuckets.DayOf(TypedValue.From(value, context.Kind)) is not { } day)
        {
            return ExactGroups.Of(value, context);
        }

        var cluster = (day.DayNumber - context.Today.DayNumber) switch
        {
            < -7 => 0,
            < -1 => 1,
            -1 => 2,
            0 => 3,
            1 => 4,
            <= 7 => 5,
            _ => 6,
        };
        return ExactGroups.Named(Labels[cluster], cluster);
    }
}
