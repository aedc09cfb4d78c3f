namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>One callback start a plugin reported: who (<paramref name="Tag"/>), which event, when (Stopwatch ticks).</summary>
internal readonly record struct CallbackRecord(string Tag, int EventId, long Timestamp);
