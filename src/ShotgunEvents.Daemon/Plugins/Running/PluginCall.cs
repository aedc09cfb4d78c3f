namespace ShotgunEvents.Daemon.Plugins.Running;

/// <summary>
/// One event in a plugin's callbacks, as others see it: which event, which callback, since when. Its fate is decided
/// once, atomically: the call finishes (the lane that made it goes on) or it is abandoned (by a reload of a stuck
/// plugin, its removal, or the daemon's stop), whichever comes first. Whoever wins releases the plugin for the next
/// call; an abandoned call that returns later changes nothing. The callback name is written by the lane running it and
/// only read for log lines.
/// </summary>
internal sealed class PluginCall
{
    private const int Running = 0;
    private const int Finished = 1;
    private const int Abandoned = 2;

    private int _fate;
    private TaskCompletionSource? _abandoned;
    private volatile string? _callback;

    /// <summary>Starts the record of a call.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="startedAt">When it started (timestamp).</param>
    public PluginCall(long eventId, long startedAt)
    {
        EventId = eventId;
        StartedAt = startedAt;
    }

    /// <summary>The event in the callbacks.</summary>
    public long EventId { get; }

    /// <summary>When the call started (a <see cref="TimeProvider"/> timestamp).</summary>
    public long StartedAt { get; }

    /// <summary>The callback running now, or null between two callbacks.</summary>
    public string? Callback
    {
        get => _callback;
        set => _callback = value;
    }

    /// <summary>True once the call was abandoned.</summary>
    public bool IsAbandoned => Volatile.Read(ref _fate) == Abandoned;

    /// <summary>Completes when the call is abandoned; never when it finishes.</summary>
    public Task WhenAbandoned
    {
        get
        {
            var signal = Volatile.Read(ref _abandoned);
            if (signal is null)
            {
                var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = Interlocked.CompareExchange(ref _abandoned, made, null) ?? made;
            }

            // Abandoned before anyone asked: the signal was made after the fact.
            if (IsAbandoned)
            {
                signal.TrySetResult();
            }

            return signal.Task;
        }
    }

    /// <summary>The caller finished: true unless the call was abandoned first (then the caller must change nothing).</summary>
    public bool TryFinish() => Interlocked.CompareExchange(ref _fate, Finished, Running) != Abandoned;

    /// <summary>Abandons the call: true when it was still running (the caller of this then owns the release).</summary>
    public bool TryAbandon()
    {
        if (Interlocked.CompareExchange(ref _fate, Abandoned, Running) != Running)
        {
            return false;
        }

        Volatile.Read(ref _abandoned)?.TrySetResult();
        return true;
    }
}
