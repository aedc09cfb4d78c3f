using ShotgunEvents.Daemon.Events;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// The stop's time budget, in one place, so its steps stay in order: the engine waits <c>shutdown_timeout</c> for the
/// events in hand, then <see cref="EngineOptions.DefaultCancellationGrace"/> for callbacks to honour their cancelled
/// token, then abandons the rest and writes the state; the host waits a little longer than that for the engine; and
/// the process ends by <see cref="HardExit"/> whatever a callback or a disposal does.
/// </summary>
internal static class ShutdownBudget
{
    /// <summary>What the engine's final write and the host's own stop get on top of the engine's grace periods.</summary>
    private static readonly TimeSpan Writing = TimeSpan.FromSeconds(1);

    /// <summary>How long the Generic Host waits for the engine's service to stop.</summary>
    public static TimeSpan HostTimeout(TimeSpan shutdownTimeout) => shutdownTimeout + EngineOptions.DefaultCancellationGrace + Writing;

    /// <summary>
    /// When the process ends at the latest after a stop signal: a second short of the promise (<c>shutdown_timeout</c> +
    /// 5 s), which leaves a busy machine its moment to schedule the exit.
    /// </summary>
    public static TimeSpan HardExit(TimeSpan shutdownTimeout) => HostTimeout(shutdownTimeout) + TimeSpan.FromSeconds(1);
}
