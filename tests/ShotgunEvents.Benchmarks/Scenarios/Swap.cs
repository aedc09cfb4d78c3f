namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>A reload swapped in at <paramref name="SwappedAt"/> (Stopwatch ticks); <paramref name="EventId"/> was written right then.</summary>
internal readonly record struct Swap(long SwappedAt, int EventId);
