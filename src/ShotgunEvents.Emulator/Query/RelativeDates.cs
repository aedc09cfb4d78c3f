namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// The windows of the relative date relations, against the site clock: <c>in_last</c>/<c>in_next</c> N units from
/// now, and the calendar day, week (Monday first), month or year at an offset from today (UTC).
/// </summary>
internal static class RelativeDates
{
    public static (DateTimeOffset Start, DateTimeOffset End) Last(DateTimeOffset now, int count, string unit) => (Shift(now, -count, unit), now);

    public static (DateTimeOffset Start, DateTimeOffset End) Next(DateTimeOffset now, int count, string unit) => (now, Shift(now, count, unit));

    /// <summary>The calendar period as [start, end): <paramref name="period"/> is day, week, month or year.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Calendar(DateTimeOffset now, string period, int offset)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            "day" => (today.AddDays(offset), today.AddDays(offset + 1)),
            "week" => Week(today, offset),
            "month" => Month(today, offset),
            _ => (new DateTimeOffset(today.Year + offset, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(today.Year + offset + 1, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        };
    }

    public static bool IsUnit(string? unit) => unit is "HOUR" or "DAY" or "WEEK" or "MONTH" or "YEAR";

    private static DateTimeOffset Shift(DateTimeOffset now, int count, string unit) => unit switch
    {
        "HOUR" => now.AddHours(count),
        "DAY" => now.AddDays(count),
        "WEEK" => now.AddDays(7 * count),
        "MONTH" => now.AddMonths(count),
        _ => now.AddYears(count),
    };

    private static (DateTimeOffset, DateTimeOffset) Week(DateTimeOffset today, int offset)
    {
        var start = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + (7 * offset));
        return (start, start.AddDays(7));
    }

    private static (DateTimeOffset, DateTimeOffset) Month(DateTimeOffset today, int offset)
    {
        var start = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(offset);
        return (start, start.AddMonths(1));
    }
}
