using Microsoft.Extensions.Time.Testing;

namespace ShotgunEvents.Tests.Support;

/// <summary>Moves a fake clock for code that starts its wait a moment after the signal a test can see.</summary>
internal static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="work"/> completes, then awaits
    /// it, and returns how far the clock moved. Polly, for one, reports a retry before it starts the delay: a single
    /// advance right after the report can land before the timer exists, and that timer then never fires. Advancing in
    /// steps reaches it wherever it starts, and since a timer starts no earlier than the signal, the distance moved is
    /// never less than the wait itself (so a test can assert the wait was honoured).
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilDoneAsync(this FakeTimeProvider time, Task work, TimeSpan step, string what, TimeSpan? timeout = null)
    {
        var moved = TimeSpan.Zero;
        await Eventually.TrueAsync(() =>
        {
            if (work.IsCompleted)
            {
                return true;
            }

            time.Advance(step);
            moved += step;
            return false;
        }, what, timeout);
        await work;
        return moved;
    }
}
