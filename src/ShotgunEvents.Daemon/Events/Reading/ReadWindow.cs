namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// How many catch-up reads may be in flight: additive increase, multiplicative decrease. A site answering 429 or 5xx
/// halves the window (never below one) and, with a <c>Retry-After</c>, holds back new reads until it has passed; each
/// round of successful reads (as many as the window holds) widens it by one, up to the configured maximum. Thread-safe:
/// the client reports retries from whatever thread the read runs on.
/// </summary>
internal sealed class ReadWindow
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private int _size;
    private int _successes;
    private long _holdUntil;

    /// <summary>Creates the window open to its maximum: a healthy site gets the full width at once.</summary>
    /// <param name="max">The most reads in flight (<c>max_parallel_reads</c>), at least 1.</param>
    /// <param name="time">The clock a <c>Retry-After</c> is measured on.</param>
    public ReadWindow(int max, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        Max = max;
        _size = max;
        _time = time;
        _holdUntil = long.MinValue;
    }

    /// <summary>The configured maximum.</summary>
    public int Max { get; }

    /// <summary>How many reads may be in flight now, 1 to <see cref="Max"/>.</summary>
    public int Size
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    /// <summary>How long new reads must still wait for the site's <c>Retry-After</c>; zero when they may start.</summary>
    public TimeSpan HoldRemaining
    {
        get
        {
            long until;
            lock (_gate)
            {
                until = _holdUntil;
            }

            var now = _time.GetTimestamp();
            return until <= now ? TimeSpan.Zero : _time.GetElapsedTime(now, until);
        }
    }

    /// <summary>A read came back: one step towards widening the window.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            if (_size >= Max)
            {
                _successes = 0;
                return;
            }

            // One more read per round of reads that all went through, as TCP grows its window once per round trip.
            if (++_successes >= _size)
            {
                _size++;
                _successes = 0;
            }
        }
    }

    /// <summary>The site answered 429 or 5xx: halve the window and wait out <paramref name="retryAfter"/> before new reads.</summary>
    /// <param name="retryAfter">The site's <c>Retry-After</c>, or null when it gave none.</param>
    public void Throttled(TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _size = Math.Max(1, _size / 2);
            _successes = 0;
            if (retryAfter is { } wait && wait > TimeSpan.Zero)
            {
                var until = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
                _holdUntil = Math.Max(_holdUntil, until);
            }
        }
    }
}
