using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>A message to a <see cref="PluginLane"/>'s loop.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="Batch">For <see cref="LaneMessageKind.Batch"/>: the batch's number (passed back to the state writer).</param>
/// <param name="Events">For <see cref="LaneMessageKind.Batch"/>: the events, in id order; shared by every lane, never changed.</param>
/// <param name="Head">For <see cref="LaneMessageKind.Joined"/> and <see cref="LaneMessageKind.NotYet"/>: the poller's head.</param>
internal readonly record struct LaneMessage(LaneMessageKind Kind, long Batch = 0, IReadOnlyList<ShotgunEvent>? Events = null, long Head = 0);
