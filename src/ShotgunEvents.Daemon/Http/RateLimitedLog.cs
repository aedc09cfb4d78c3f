using NLog;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// At most one line per interval, with the count of those held back: a flood of bad webhooks must not fill the log.
/// </summary>
internal sealed class RateLimitedLog(Logger log, TimeProvider time, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private long _lastAt = long.MinValue;
    private int _suppressed;

    /// <summary>Writes <paramref name="message"/> as a warning unless one was written within the interval.</summary>
    public void Warn(string message)
    {
        int suppressed;
        lock (_gate)
        {
            if (_lastAt != long.MinValue && time.GetElapsedTime(_lastAt) < interval)
            {
                _suppressed++;
                return;
            }

            suppressed = _suppressed;
            _suppressed = 0;
            _lastAt = time.GetTimestamp();
        }

        log.Warn(suppressed == 0 ? message : $"{message} ({suppressed} more like it since the last such line)");
    }
}
