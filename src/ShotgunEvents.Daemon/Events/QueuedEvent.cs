using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// An event in a plugin's queue, tagged with the worker epoch it was queued in; the last event of the lane's share of
/// a batch also carries the batch's ticket, which the lane passes once that event is done.
/// </summary>
/// <remarks>A plugin that is deactivated and later comes back starts a new epoch; events queued before are stale,
/// because the poller fetches them again from the plugin's own cursor.</remarks>
internal readonly record struct QueuedEvent(ShotgunEvent Event, int Epoch, bool FromBacklog, BatchTicket? Ticket = null);
