using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>An event a write will append when its transaction commits (ids are handed out only then).</summary>
internal sealed class PendingEvent
{
    public required string EventType { get; init; }

    public string? AttributeName { get; init; }

    public EntityKey? Entity { get; init; }

    public EntityKey? User { get; init; }

    public int ProjectId { get; init; }

    public string? SessionUuid { get; init; }

    public JToken? Meta { get; init; }

    public string? Description { get; init; }

    /// <summary>Receives the id once the event is appended (custom EventLogEntry creates return it).</summary>
    public Action<int>? OnCommitted { get; init; }
}
