namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// One EventLogEntry in compact form (about 56 bytes): strings are indexes into the log's string tables, links are
/// type index + id, and <c>meta</c>/<c>description</c> live in a (possibly shared) <see cref="EventPayload"/>.
/// </summary>
internal readonly struct EventRow
{
    public int Id { get; init; }

    public int EventType { get; init; }

    /// <summary>Index of <c>attribute_name</c>, -1 for null.</summary>
    public int Attribute { get; init; }

    /// <summary>Index of the linked entity's type, -1 when the event links no entity.</summary>
    public int EntityType { get; init; }

    public int EntityId { get; init; }

    /// <summary>Index of the acting user's type (HumanUser or ApiUser), -1 for none.</summary>
    public int UserType { get; init; }

    public int UserId { get; init; }

    /// <summary>The Project id, 0 for none.</summary>
    public int ProjectId { get; init; }

    /// <summary>Index into the session table, -1 for a null <c>session_uuid</c>.</summary>
    public int Session { get; init; }

    /// <summary><c>created_at</c> in Unix seconds (the wire format has no fraction).</summary>
    public long CreatedAt { get; init; }

    public EventPayload? Payload { get; init; }
}
