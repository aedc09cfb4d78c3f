using System.Collections.Concurrent;
using System.Diagnostics;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>
/// Where benchmark plugins report each callback start. The plugins find it through <see cref="AppContext.GetData"/>
/// under <see cref="Key"/>: a delegate of framework types only, so no plugin type is handed to the host (an old plugin
/// generation stays collectible) and no extra assembly has to be <c>#r</c>'d into each plugin's load context.
/// </summary>
internal static class CallbackSink
{
    /// <summary>The AppContext key the plugins read.</summary>
    public const string Key = "ShotgunEvents.Benchmarks.Sink";

    private static ConcurrentQueue<CallbackRecord> _records = new();
    private static int _count;

    /// <summary>Callback starts recorded since the last <see cref="Reset"/>.</summary>
    public static int Count => Volatile.Read(ref _count);

    public static void Install() => AppContext.SetData(Key, (Action<string, int, long>)Record);

    public static void Reset()
    {
        Volatile.Write(ref _records, new ConcurrentQueue<CallbackRecord>());
        Volatile.Write(ref _count, 0);
    }

    public static IReadOnlyList<CallbackRecord> Snapshot() => [.. Volatile.Read(ref _records)];

    /// <summary>The records of one tag and event, if any.</summary>
    public static bool Any(Func<CallbackRecord, bool> predicate) => Volatile.Read(ref _records).Any(predicate);

    private static void Record(string tag, int eventId, long timestamp)
    {
        Volatile.Read(ref _records).Enqueue(new CallbackRecord(tag, eventId, timestamp));
        Interlocked.Increment(ref _count);
    }

    /// <summary>Milliseconds between two <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
