using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// An item in a plugin's queue: an event tagged with the worker epoch it was queued in, or (no event) the marker of a
/// dispatched batch, which the lane passes once it has handled its share of that batch.
/// </summary>
/// <remarks>A plugin that is deactivated and later comes back starts a new epoch; events queued before are stale,
/// because the poller fetches them again from the plugin's own cursor.</remarks>
internal readonly record struct QueuedEvent(ShotgunEvent? Event, int Epoch, bool FromBacklog, BatchTicket? Ticket = null);
