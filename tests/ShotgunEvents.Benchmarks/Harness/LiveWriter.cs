using System.Diagnostics;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>Writes live events at a steady rate and remembers when each became visible.</summary>
internal static class LiveWriter
{
    /// <summary>
    /// Writes <paramref name="perSecond"/> events a second for <paramref name="duration"/>, on a fixed schedule (a late
    /// write does not push the later ones back).
    /// </summary>
    /// <returns>Each event id with the moment (Stopwatch ticks) its write returned, i.e. it became visible.</returns>
    public static async Task<Dictionary<int, long>> WriteAsync(BenchSite site, int perSecond, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var visible = new Dictionary<int, long>();
        var total = (int)(perSecond * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < total; k++)
        {
            var due = start + (k * interval);
            var wait = CallbackSink.Milliseconds(Stopwatch.GetTimestamp(), due);
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
            }

            var id = site.WriteEvent();
            visible[id] = Stopwatch.GetTimestamp();
        }

        return visible;
    }
}
