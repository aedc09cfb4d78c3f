using System.Diagnostics;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// Raised by the collection's <c>PluginReloaded</c> event: notes when the new version went live and writes the event
/// that must reach it.
/// </summary>
internal sealed class SwapSignal(BenchSite site)
{
    private TaskCompletionSource<Swap> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Prepares for the next swap (before the file is written).</summary>
    public void Arm() => Volatile.Write(ref _next, new TaskCompletionSource<Swap>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void OnSwapped()
    {
        var at = Stopwatch.GetTimestamp();
        var id = site.WriteEvent();
        Volatile.Read(ref _next).TrySetResult(new Swap(at, id));
    }

    /// <summary>The next swap, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<Swap?> WaitAsync(TimeSpan timeout)
    {
        var task = Volatile.Read(ref _next).Task;
        return await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) == task ? await task.ConfigureAwait(false) : null;
    }
}
