using ShotgunEvents.Daemon.Events.Lanes;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>A message to the poll loop.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="Lane">The lane it is about (lane mode).</param>
/// <param name="Delivery">The delivery it is about.</param>
/// <param name="Position">For <see cref="PollerMessageKind.Rejoin"/>: the lane's last handled id.</param>
internal readonly record struct PollerMessage(PollerMessageKind Kind, PluginLane? Lane = null, PluginDelivery? Delivery = null, long Position = 0);
