using NLog;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// Turns a run of failed site calls into one log line when it starts and one when it ends, and decides how long to
/// wait before the next attempt: jittered exponential back-off, capped, and slow for refused credentials. Owned by the
/// loop whose calls it counts; <see cref="Failures"/> is published for readiness.
/// </summary>
internal sealed class OutageTracker(TimeProvider timeProvider, TimeSpan maxBackoff, Logger log)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private int _failures;
    private long _startedAt;

    /// <summary>Failed attempts in a row so far (0 when the site answers).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Records a failure and returns how long to wait before trying again.</summary>
    public TimeSpan Failed(Exception error)
    {
        Volatile.Write(ref _failures, _failures + 1);
        if (_failures == 1)
        {
            _startedAt = timeProvider.GetTimestamp();
            if (error is AuthenticationFault)
            {
                log.Error("The site refused the daemon's credentials ([shotgun] name/key): {0} Retrying every {1:0} s until they work.",
                    error.Message, maxBackoff.TotalSeconds);
            }
            else
            {
                log.Error("Cannot read the site's event log: {0}: {1}. Retrying with back-off; one line when it is back.",
                    error.GetType().Name, error.Message);
            }
        }
        else
        {
            log.Debug("Site still unavailable (attempt {0}): {1}", _failures, error.Message);
        }

        if (error is AuthenticationFault)
        {
            // Hammering a site with a revoked key only fills its logs; a fixed slow pace is enough.
            return maxBackoff;
        }

        var exponent = Math.Min(_failures - 1, 16);
        var backoff = TimeSpan.FromTicks(Math.Min(maxBackoff.Ticks, FirstBackoff.Ticks << exponent));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)(backoff.Ticks * jitter));
    }

    /// <summary>Records a success; logs the end of an outage once.</summary>
    public void Succeeded()
    {
        if (_failures == 0)
        {
            return;
        }

        var lasted = timeProvider.GetElapsedTime(_startedAt);
        log.Warn("The site answers again after {0} failed attempts over {1:0.#} s.", _failures, lasted.TotalSeconds);
        Volatile.Write(ref _failures, 0);
    }
}
