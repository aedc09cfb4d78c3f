using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// The calendar groupings of date and date-time fields. A bucket is named and valued by its text
/// (<c>"2025-03-10"</c> for a week, <c>"2025-03"</c>, <c>"2025 Q1"</c>, <c>"2025"</c>) and sorted by its first day.
/// Not known for a real site: the name formats, the first day of a week (a site preference; Monday here), and the
/// time zone a date-time falls in a day by (UTC here).
/// </summary>
internal static class DateBuckets
{
    /// <summary>A grouping from a rule giving a day's bucket: its first day and its name.</summary>
    public static Func<JToken, GroupContext, GroupKey> Of(Func<DateOnly, (DateOnly Start, string Name)> bucket) => (value, context) =>
    {
        if (DayOf(TypedValue.From(value, context.Kind)) is not { } day)
        {
            return ExactGroups.Of(value, context);
        }

        var (start, name) = bucket(day);
        return ExactGroups.Named(name, start);
    };

    public static (DateOnly, string) Day(DateOnly day) => (day, WireDates.FormatDate(day));

    public static (DateOnly, string) Week(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return (monday, WireDates.FormatDate(monday));
    }

    public static (DateOnly, string) Month(DateOnly day) =>
        (new DateOnly(day.Year, day.Month, 1), day.ToString("yyyy'-'MM", CultureInfo.InvariantCulture));

    public static (DateOnly, string) Quarter(DateOnly day)
    {
        var quarter = ((day.Month - 1) / 3) + 1;
        return (new DateOnly(day.Year, ((quarter - 1) * 3) + 1, 1), string.Create(CultureInfo.InvariantCulture, $"{day.Year} Q{quarter}"));
    }

    public static (DateOnly, string) Year(DateOnly day) => (new DateOnly(day.Year, 1, 1), day.Year.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Five-day windows counted from 1970-01-01, named <c>"2025-03-12 - 2025-03-16"</c>. A guess: the Python API only
    /// names <c>fivedays</c> (and <c>oneday</c>, taken here as one-day windows, the same as <c>day</c>). They may
    /// instead bucket duration fields; one third-party table lists them for dates.
    /// </summary>
    public static (DateOnly, string) FiveDays(DateOnly day)
    {
        var start = DateOnly.FromDayNumber(Epoch.DayNumber + ((day.DayNumber - Epoch.DayNumber) / 5 * 5));
        return (start, $"{WireDates.FormatDate(start)} - {WireDates.FormatDate(start.AddDays(4))}");
    }

    public static DateOnly? DayOf(object? typed) => typed switch
    {
        DateTimeOffset time => DateOnly.FromDateTime(time.UtcDateTime),
        DateOnly date => date,
        _ => null,
    };

    private static DateOnly Epoch { get; } = new(1970, 1, 1);
}
