namespace ShotgunEvents.Emulator.Store;

/// <summary>A queued late-commit fault: the next <see cref="Remaining"/> event ids become visible only after <see cref="Delay"/>.</summary>
internal sealed class DelayBlock(int remaining, TimeSpan delay)
{
    public int Remaining { get; set; } = remaining;

    public TimeSpan Delay { get; } = delay;
}
