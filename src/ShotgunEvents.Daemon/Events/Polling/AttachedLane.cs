using ShotgunEvents.Daemon.Events.Lanes;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>A lane the poller feeds, and how many events it has queued to it so far. Owned by the poll loop.</summary>
/// <param name="lane">The lane.</param>
internal sealed class AttachedLane(PluginLane lane)
{
    /// <summary>The lane.</summary>
    public PluginLane Lane { get; } = lane;

    /// <summary>Events queued to the lane, counted as the lane counts <see cref="PluginLane.Consumed"/>.</summary>
    public long Fed { get; set; }

    /// <summary>Events queued and not yet taken off the queue by the lane.</summary>
    public long Outstanding => Fed - Lane.Consumed;
}
