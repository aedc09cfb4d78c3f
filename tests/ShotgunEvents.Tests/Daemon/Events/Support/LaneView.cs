using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>What the tests read of one plugin's delivery in a running engine (all of it published for other threads).</summary>
internal sealed class LaneView(PluginDelivery delivery)
{
    public PluginDelivery Delivery => delivery;

    public Plugin Plugin => delivery.Plugin;

    public long? LastEventId => delivery.Progress.State.LastEventId;

    public PluginState Snapshot() => delivery.Progress.State;

    public bool IsActive => delivery.Plugin.IsActive;

    public string? InactiveReason => delivery.Plugin.InactiveReason;

    public long HandledCount => delivery.Progress.Handled;

    public DeliveryMode Mode => delivery.ReportedMode;
}
