namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>The sizes of each scenario: the full sizes, or the smaller <c>--quick</c> ones.</summary>
internal sealed record Sizes
{
    public static readonly Sizes Full = new()
    {
        CatchupEvents = 200_000,
        CatchupRounds = 1,
        RemoteEvents = 50_000,
        CheckpointRounds = 1,
        LatencySeconds = 30,
        ReloadEdits = 1000,
        StartupPairs = 3,
        StartupPrime = true,
        FootprintSeconds = 30,
    };

    public static readonly Sizes Quick = new()
    {
        CatchupEvents = 20_000,
        CatchupRounds = 2,
        RemoteEvents = 10_000,
        CheckpointRounds = 1,
        LatencySeconds = 10,
        ReloadEdits = 100,
        StartupPairs = 1,
        StartupPrime = false,
        FootprintSeconds = 5,
        OverlapIdleGroups = true,
    };

    /// <summary>Events seeded for <c>catchup</c>.</summary>
    public int CatchupEvents { get; init; }

    /// <summary>Daemon runs in <c>catchup</c>, each between two ceiling runs.</summary>
    public int CatchupRounds { get; init; }

    /// <summary>Events seeded for <c>catchup_remote</c> (the issue: 50,000).</summary>
    public int RemoteEvents { get; init; }

    /// <summary>The site's answer time in <c>catchup_remote</c>.</summary>
    public TimeSpan RemoteLatency { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>ABBA rounds of <c>checkpoint</c> (each round runs both variants twice).</summary>
    public int CheckpointRounds { get; init; }

    /// <summary>How long <c>latency</c> and <c>isolation</c> write events.</summary>
    public int LatencySeconds { get; init; }

    /// <summary>Edits in <c>reload</c>.</summary>
    public int ReloadEdits { get; init; }

    /// <summary>Cold/warm process starts in <c>startup</c>.</summary>
    public int StartupPairs { get; init; }

    /// <summary>An unmeasured daemon start first, so every measured start finds the files in the OS cache.</summary>
    public bool StartupPrime { get; init; }

    /// <summary>
    /// Runs the <c>reload</c> group beside the <c>latency</c>/<c>isolation</c> group. Both are mostly idle (20 events a
    /// second; one small compile every ~0.2 s), which is what lets <c>--quick</c> fit in a minute; the full run runs every
    /// group alone.
    /// </summary>
    public bool OverlapIdleGroups { get; init; }

    /// <summary>How long the daemon process handles the <c>latency</c> load before <c>footprint</c> reads its working set.</summary>
    public int FootprintSeconds { get; init; }

    /// <summary>The batch size of the catch-up scenarios (the shipped default).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>The poll interval of the live scenarios.</summary>
    public TimeSpan FetchInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Events per second in the live scenarios.</summary>
    public int EventsPerSecond { get; init; } = 20;

    public static Sizes For(bool quick) => quick ? Quick : Full;
}
