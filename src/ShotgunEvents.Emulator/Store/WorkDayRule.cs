namespace ShotgunEvents.Emulator.Store;

/// <summary>An override of one day of a work schedule (api3 <c>work_schedule_update</c>).</summary>
/// <param name="Working">Whether the day is a working day.</param>
/// <param name="Description">The reason given, or null.</param>
internal sealed record WorkDayRule(bool Working, string? Description);
