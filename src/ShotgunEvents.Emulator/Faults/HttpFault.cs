namespace ShotgunEvents.Emulator.Faults;

/// <summary>A queued fault for the next <see cref="Remaining"/> api3 calls.</summary>
internal sealed class HttpFault(FaultKind kind, int calls)
{
    public FaultKind Kind { get; } = kind;

    public int Remaining { get; set; } = calls;

    public int Status { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Duration { get; init; }

    public object Describe() => new { kind = Kind.ToString(), remaining = Remaining, status = Status, retry_after_seconds = RetryAfter?.TotalSeconds, seconds = Duration.TotalSeconds };
}
