using NLog;
using ShotgunEvents.Daemon.Events.Checkpoints;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>What every plugin's delivery shares: the backlog rules, the site clock, the state writer and the engine log.</summary>
/// <param name="BacklogTimeout"><c>[daemon] backlog_timeout</c>.</param>
/// <param name="Clock">The site clock (thread-safe), fed by every handled event.</param>
/// <param name="Checkpoints">The state writer, asked for a write at the crash bound.</param>
/// <param name="CrashBound">Handled events a plugin may be ahead of the file (a batch); null when an interval is the bound.</param>
/// <param name="Log">The engine logger.</param>
internal sealed record DeliveryContext(TimeSpan BacklogTimeout, SiteClock Clock, StateWriter Checkpoints, int? CrashBound, Logger Log);
