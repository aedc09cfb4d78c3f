using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>Who makes a write, as the events it generates record it.</summary>
/// <param name="User">The acting HumanUser or ApiUser (the impersonated user under sudo); null for none.</param>
/// <param name="SessionUuid">The <c>session_uuid</c> to stamp on the events.</param>
/// <param name="SudoActualUser">The script or user that really acted when <c>sudo_as_login</c> was used.</param>
/// <param name="LogsEvents">False for a script whose <c>generate_event_log_entries</c> is off: its writes log nothing.</param>
internal sealed record Actor(EntityKey? User, string? SessionUuid, EntityKey? SudoActualUser, bool LogsEvents)
{
    /// <summary>No user (a write made through the emulator's C# API without naming a script).</summary>
    public static Actor Anonymous(string? sessionUuid) => new(null, sessionUuid, null, LogsEvents: true);
}
