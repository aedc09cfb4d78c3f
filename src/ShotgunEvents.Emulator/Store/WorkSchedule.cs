namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// The site's work calendar: a studio work week of Monday to Friday, plus the per-day overrides set through
/// <c>work_schedule_update</c> for the studio, a project or a user. Custom work weeks (a project or user whose normal
/// week differs) are not emulated: only per-day exceptions.
/// </summary>
internal sealed class WorkSchedule
{
    private readonly Dictionary<(WorkScheduleScope Scope, int Id, DateOnly Date), WorkDayRule> _rules = [];

    public IEnumerable<KeyValuePair<(WorkScheduleScope Scope, int Id, DateOnly Date), WorkDayRule>> Rules =>
        _rules.OrderBy(r => r.Key.Date).ThenBy(r => r.Key.Scope).ThenBy(r => r.Key.Id);

    public void Set(WorkScheduleScope scope, int id, DateOnly date, WorkDayRule rule) => _rules[(scope, id, date)] = rule;

    public WorkDayRule? Find(WorkScheduleScope scope, int id, DateOnly date) => _rules.GetValueOrDefault((scope, id, date));

    /// <summary>The studio's normal week: weekends off.</summary>
    public static bool IsStudioWorkDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
