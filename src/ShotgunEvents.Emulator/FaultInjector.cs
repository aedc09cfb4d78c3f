using ShotgunEvents.Emulator.Faults;

namespace ShotgunEvents.Emulator;

/// <summary>
/// Faults on demand, for tests and demos. HTTP faults are queued first in, first out: each applies to the next api3
/// calls until used up, then the next queued fault takes over. Event faults (late commits, burned ids) act on the next
/// event ids the site hands out. Every method is also reachable over HTTP under <c>/_emulator/faults/</c> (loopback
/// callers only). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Queue<HttpFault> _queue = new();
    private readonly EmulatorStore _store;
    private int _callCount;
    private TimeSpan _latency;
    private TimeSpan _latencyJitter;

    internal FaultInjector(EmulatorStore store) => _store = store;

    /// <summary>The number of api3 calls received (faulted ones included) since start or the last <see cref="Clear"/>.</summary>
    public int CallCount => Volatile.Read(ref _callCount);

    /// <summary>The latency every api3 call waits before it is answered (see <see cref="SetLatency"/>).</summary>
    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _latency;
            }
        }
    }

    /// <summary>The most added at random to <see cref="Latency"/> per call.</summary>
    public TimeSpan LatencyJitter
    {
        get
        {
            lock (_gate)
            {
                return _latencyJitter;
            }
        }
    }

    /// <summary>
    /// Makes every api3 call from now on wait <paramref name="latency"/> (plus up to <paramref name="jitter"/>, uniform at
    /// random) on the site's TimeProvider before it is answered or faulted. Each call waits on its own, so concurrent
    /// calls overlap as on a real site. Zero turns it off. Not reset by <see cref="Clear"/>: it is a property of the
    /// site, not a queued fault.
    /// </summary>
    /// <param name="latency">The wait per call, at most one hour.</param>
    /// <param name="jitter">The most added at random to each wait, at most one hour.</param>
    public void SetLatency(TimeSpan latency, TimeSpan jitter = default)
    {
        if (latency < TimeSpan.Zero || latency > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(latency), latency, "The latency must be between 0 and 1 hour.");
        }

        if (jitter < TimeSpan.Zero || jitter > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The latency jitter must be between 0 and 1 hour.");
        }

        lock (_gate)
        {
            _latency = latency;
            _latencyJitter = jitter;
        }
    }

    /// <summary>Answers the next <paramref name="calls"/> api3 calls with an HTTP error status.</summary>
    /// <param name="calls">How many calls.</param>
    /// <param name="httpStatus">The status, for example 502, 503, 504 or 429.</param>
    /// <param name="retryAfter">A Retry-After header to send (whole seconds), if any.</param>
    public void FailNext(int calls, int httpStatus, TimeSpan? retryAfter = null)
    {
        if (httpStatus is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(httpStatus), httpStatus, "The status of an injected failure must be 400..599.");
        }

        Enqueue(new HttpFault(FaultKind.Fail, Positive(calls)) { Status = httpStatus, RetryAfter = retryAfter });
    }

    /// <summary>Holds the next calls for <paramref name="duration"/> (on the site's TimeProvider) before answering them normally.</summary>
    /// <param name="calls">How many calls.</param>
    /// <param name="duration">How long each waits.</param>
    public void HangNext(int calls, TimeSpan duration) =>
        Enqueue(new HttpFault(FaultKind.Hang, Positive(calls)) { Duration = duration >= TimeSpan.Zero ? duration : throw new ArgumentOutOfRangeException(nameof(duration)) });

    /// <summary>Aborts the connection of the next calls without an answer.</summary>
    /// <param name="calls">How many calls.</param>
    public void ResetNext(int calls) => Enqueue(new HttpFault(FaultKind.Reset, Positive(calls)));

    /// <summary>Answers the next calls with HTTP 200 and a body that is not valid JSON.</summary>
    /// <param name="calls">How many calls.</param>
    public void MalformedNext(int calls) => Enqueue(new HttpFault(FaultKind.Malformed, Positive(calls)));

    /// <summary>Answers the next authenticated calls with the api3 authentication fault (error_code 102).</summary>
    /// <param name="calls">How many calls.</param>
    public void AuthFailNext(int calls) => Enqueue(new HttpFault(FaultKind.AuthFail, Positive(calls)));

    /// <summary>Ends every session token handed out by <c>get_session_token</c>: calls using one get error 102.</summary>
    public void ExpireSessions() => _store.Site.Credentials.ExpireSessions();

    /// <summary>
    /// Late commit: the next <paramref name="ids"/> event ids the site hands out (to whatever writes come next) get
    /// their <c>created_at</c> at the write but become visible only <paramref name="delay"/> later, on the site's
    /// TimeProvider. Readers meanwhile see later ids: a gap that fills.
    /// </summary>
    /// <param name="ids">How many ids.</param>
    /// <param name="delay">How long they stay hidden (may exceed 5 minutes).</param>
    public void DelayNextEvents(int ids, TimeSpan delay) =>
        _store.DelayNextEvents(Positive(ids), delay > TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay), "The delay must be positive."));

    /// <summary>Allocates <paramref name="count"/> event ids now that never appear, as rolled-back transactions do.</summary>
    /// <param name="count">How many ids.</param>
    public void BurnIds(int count) => _store.BurnIds(Positive(count));

    /// <summary>Drops every queued fault (HTTP and late-commit), and resets <see cref="CallCount"/>. Ids already delayed stay delayed.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _callCount = 0;
        }

        _store.ClearQueuedDelays();
    }

    /// <summary>The queued HTTP faults, for the admin endpoint.</summary>
    internal IReadOnlyList<object> Describe()
    {
        lock (_gate)
        {
            return [.. _queue.Select(f => f.Describe())];
        }
    }

    /// <summary>The wait for one call: the latency plus its share of jitter.</summary>
    internal TimeSpan NextLatency()
    {
        lock (_gate)
        {
            return _latencyJitter <= TimeSpan.Zero
                ? _latency
                : _latency + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * _latencyJitter.Ticks));
        }
    }

    /// <summary>Counts an api3 call and takes one use of the fault at the head of the queue, if it applies to this call.</summary>
    internal HttpFault? TakeFor(bool authenticated)
    {
        lock (_gate)
        {
            _callCount++;
            if (!_queue.TryPeek(out var head) || (head.Kind == FaultKind.AuthFail && !authenticated))
            {
                return null;
            }

            if (--head.Remaining == 0)
            {
                _queue.Dequeue();
            }

            return head;
        }
    }

    private void Enqueue(HttpFault fault)
    {
        lock (_gate)
        {
            _queue.Enqueue(fault);
        }
    }

    private static int Positive(int count) =>
        count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be 1 or more.");
}
