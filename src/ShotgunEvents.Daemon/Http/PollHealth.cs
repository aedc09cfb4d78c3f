using ShotgunEvents.Daemon.Events;

namespace ShotgunEvents.Daemon.Http;

/// <summary>When the poller last finished a cycle, for readiness.</summary>
internal sealed class PollHealth
{
    private readonly TimeProvider _time;
    private long _lastCycle;
    private long _cycles;

    public PollHealth(EventEngine engine, TimeProvider time)
    {
        _time = time;
        // Until the first cycle, the wait counts from the moment the listener started.
        _lastCycle = time.GetTimestamp();
        engine.Poller.CycleCompleted += () =>
        {
            Interlocked.Exchange(ref _lastCycle, _time.GetTimestamp());
            Interlocked.Increment(ref _cycles);
        };
    }

    /// <summary>Successful cycles since the listener started.</summary>
    public long Cycles => Interlocked.Read(ref _cycles);

    /// <summary>Time since the last successful cycle (or since start, before the first).</summary>
    public TimeSpan SinceLastCycle => _time.GetElapsedTime(Interlocked.Read(ref _lastCycle));
}
