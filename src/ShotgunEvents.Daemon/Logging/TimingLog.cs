using System.Globalization;
using NLog;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The timing log (<c>timing_log = on</c>): one INFO line per callback run on the <c>timing</c> logger, which
/// nlog.config writes to <c>&lt;logFile&gt;.timing</c>. The message is upstream's, field for field:
/// <c>event_id=.. created_at=.. callback=&lt;plugin&gt;.&lt;callback&gt; start=.. end=.. duration=.. error=.. delay=..</c>,
/// then the two durations again in seconds (<c>duration_seconds=.. delay_seconds=..</c>), so a log shipper can do sums
/// on them without parsing upstream's <c>DD:HH:MM:SS.ffffff</c>. The same values are the line's properties (JSON fields).
/// </summary>
internal sealed class TimingLog
{
    private readonly Logger _logger;
    private readonly TimeZoneInfo _zone;
    private readonly Action<CallbackTiming>? _observer;

    /// <summary>Creates the timing log.</summary>
    /// <param name="factory">The log factory whose configuration routes the <c>timing</c> logger.</param>
    /// <param name="enabled">False makes <see cref="Record"/> a no-op (upstream creates no timing logger then).</param>
    /// <param name="zone">The zone times are written in; upstream writes the daemon's local zone.</param>
    /// <param name="observer">Told of every callback run whether or not lines are written (metrics, the status page).</param>
    public TimingLog(LogFactory factory, bool enabled, TimeZoneInfo? zone = null, Action<CallbackTiming>? observer = null)
    {
        _observer = observer;
        ArgumentNullException.ThrowIfNull(factory);
        _logger = factory.GetLogger(LoggerNames.Timing);
        Enabled = enabled;
        _zone = zone ?? TimeZoneInfo.Local;
    }

    /// <summary>True when lines are written.</summary>
    public bool Enabled { get; }

    /// <summary>Writes the line for one callback run.</summary>
    /// <param name="eventId">The event's id.</param>
    /// <param name="createdAt">The event's <c>created_at</c> on the site.</param>
    /// <param name="pluginName">The plugin (file stem).</param>
    /// <param name="callbackName">The callback's name.</param>
    /// <param name="start">When the callback was called.</param>
    /// <param name="end">When it returned or threw.</param>
    /// <param name="error">True when it threw.</param>
    public void Record(long eventId, DateTimeOffset createdAt, string pluginName, string callbackName,
        DateTimeOffset start, DateTimeOffset end, bool error)
    {
        _observer?.Invoke(new CallbackTiming(pluginName, callbackName, eventId, end - start, error, end));
        if (!Enabled || !_logger.IsInfoEnabled)
        {
            return;
        }

        var line = new LogEventInfo(LogLevel.Info, _logger.Name, CultureInfo.InvariantCulture,
            Format(eventId, createdAt, pluginName, callbackName, start, end, error, _zone), null);
        line.Properties["event_id"] = eventId;
        var startUs = PythonTimeFormat.ToMicroseconds(start);
        line.Properties["duration_seconds"] = Seconds(PythonTimeFormat.ToMicroseconds(end) - startUs);
        line.Properties["delay_seconds"] = Seconds(startUs - PythonTimeFormat.ToMicroseconds(createdAt));
        line.Properties["error"] = error;
        _logger.Log(line);
    }

    /// <summary>The message of one timing line, exactly as upstream formats it.</summary>
    internal static string Format(long eventId, DateTimeOffset createdAt, string pluginName, string callbackName,
        DateTimeOffset start, DateTimeOffset end, bool error, TimeZoneInfo zone)
    {
        // Python subtracts microsecond-resolution datetimes; truncating first keeps duration = end - start exact.
        createdAt = PythonTimeFormat.ToMicroseconds(TimeZoneInfo.ConvertTime(createdAt, zone));
        start = PythonTimeFormat.ToMicroseconds(TimeZoneInfo.ConvertTime(start, zone));
        end = PythonTimeFormat.ToMicroseconds(TimeZoneInfo.ConvertTime(end, zone));
        return string.Create(CultureInfo.InvariantCulture,
            $"event_id={eventId} created_at={PythonTimeFormat.IsoFormat(createdAt)} callback={pluginName}.{callbackName} " +
            $"start={PythonTimeFormat.IsoFormat(start)} end={PythonTimeFormat.IsoFormat(end)} " +
            $"duration={PythonTimeFormat.TimeDelta(end - start)} error={(error ? "True" : "False")} " +
            $"delay={PythonTimeFormat.TimeDelta(start - createdAt)} " +
            $"duration_seconds={Seconds(end - start)} delay_seconds={Seconds(start - createdAt)}");
    }

    /// <summary>Seconds with microseconds, as the text and the JSON field both write them (<c>1.500123</c>).</summary>
    private static decimal Seconds(TimeSpan value) => decimal.Round((decimal)value.Ticks / TimeSpan.TicksPerSecond, 6);
}
