using System.Globalization;

namespace ShotgunEvents.Emulator.Store;

/// <summary>The site's date formats: <c>date_time</c> as <c>YYYY-MM-DDTHH:MM:SSZ</c> (UTC, no fraction), <c>date</c> as <c>YYYY-MM-DD</c>.</summary>
internal static class WireDates
{
    private const string DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";
    private const string DateFormat = "yyyy'-'MM'-'dd";
    private const string RetirementFormat = "yyyy'-'MM'-'dd' 'HH':'mm':'ss' UTC'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static string FormatUnix(long seconds) => Format(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public static string FormatDate(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The form a retirement date takes inside <c>meta</c>: <c>2026-09-04 17:42:34 UTC</c>.</summary>
    public static string FormatRetirement(DateTimeOffset value) => value.UtcDateTime.ToString(RetirementFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO 8601 date-time (<c>Z</c> or an offset, fraction allowed) to UTC truncated to seconds.</summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value)
    {
        if (text is not null && text.Length >= 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) && text[4] == '-' && text[10] is 'T' or ' ')
        {
            value = new DateTimeOffset(parsed.Ticks - (parsed.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryParseDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
