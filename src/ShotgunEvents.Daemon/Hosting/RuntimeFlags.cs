namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Command-line switches that change how the runtime is put together.</summary>
internal sealed record RuntimeFlags
{
    /// <summary>Callbacks' writes are logged, not sent.</summary>
    public bool DryRun { get; init; }

    /// <summary>The embedded site generates demo activity (off for benchmarks and tests that drive it themselves).</summary>
    public bool EmbeddedActivity { get; init; } = true;

    /// <summary>
    /// The embedded site is saved (<c>embedded-site.json</c> beside the state file) when it stops. Off for <c>replay</c>,
    /// which reads what a daemon saved and must not overwrite it.
    /// </summary>
    public bool SaveEmbeddedSite { get; init; } = true;

    /// <summary>Overrides the clock (tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
