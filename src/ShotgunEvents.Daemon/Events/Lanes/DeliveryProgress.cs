using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>
/// What a plugin's delivery publishes after each change, in one immutable piece so a reader on another thread (the
/// state writer, the status page) never sees a position without its backlog.
/// </summary>
/// <param name="State">Its position: last handled id and backlog.</param>
/// <param name="Handled">Events handled since the daemon started (the crash bound counts in these).</param>
/// <param name="LastCreatedAt">The site time of the last handled event, for lag; null before the first.</param>
internal sealed record DeliveryProgress(PluginState State, long Handled, DateTimeOffset? LastCreatedAt);
