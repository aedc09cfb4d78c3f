using System.Globalization;
using System.Text;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// Python's <c>datetime.isoformat()</c> and upstream's <c>_prettyTimeDeltaFormat</c>, character for character,
/// so tools written against upstream's timing log parse ours.
/// </summary>
internal static class PythonTimeFormat
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Drops the sub-microsecond part: Python datetimes have microsecond resolution.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TicksPerMicrosecond), value.Offset);

    /// <summary>
    /// <c>datetime.isoformat()</c> of an aware datetime: <c>2024-05-01T14:03:07.250000+02:00</c>, the fraction
    /// left out when it is zero, <c>+00:00</c> for UTC.
    /// </summary>
    public static string IsoFormat(DateTimeOffset value)
    {
        value = ToMicroseconds(value);
        var builder = new StringBuilder(32);
        builder.Append(value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var microseconds = value.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond;
        if (microseconds != 0)
        {
            builder.Append('.').Append(microseconds.ToString("000000", CultureInfo.InvariantCulture));
        }

        var offset = value.Offset;
        builder.Append(offset < TimeSpan.Zero ? '-' : '+');
        offset = offset.Duration();
        builder.Append(offset.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(offset.Minutes.ToString("00", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>
    /// Upstream's <c>"%02d:%02d:%02d:%02d.%06d" % (days, hours, minutes, seconds, td.microseconds)</c>, with
    /// Python's floor division, so a negative delay (a site clock ahead of ours) prints as upstream prints it:
    /// -0.5 s is <c>-1:23:59:59.500000</c>.
    /// </summary>
    public static string TimeDelta(TimeSpan value)
    {
        var totalMicroseconds = value.Ticks / TicksPerMicrosecond;
        if (value.Ticks < 0 && value.Ticks % TicksPerMicrosecond != 0)
        {
            totalMicroseconds--;
        }

        const long microsecondsPerSecond = 1_000_000;
        const long microsecondsPerDay = 86_400 * microsecondsPerSecond;
        var days = FloorDiv(totalMicroseconds, microsecondsPerDay);
        var remainder = totalMicroseconds - (days * microsecondsPerDay);
        var seconds = remainder / microsecondsPerSecond;
        var microseconds = remainder % microsecondsPerSecond;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Pad(days)}:{Pad(seconds / 3600)}:{Pad(seconds % 3600 / 60)}:{Pad(seconds % 60)}.{microseconds:000000}");
    }

    private static long FloorDiv(long value, long divisor) =>
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    // Python's %02d: at least two characters, the sign counted in them.
    private static string Pad(long value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(2, '0');
}
