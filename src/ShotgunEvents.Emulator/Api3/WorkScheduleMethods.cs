using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>work_schedule_read</c> and <c>work_schedule_update</c>: a per-day calendar, Monday to Friday working, with
/// per-day exceptions for the studio, a project or a user. Shapes from the Python API's docs and live test:
/// read <c>{"start_date", "end_date", "project", "user"}</c> → <c>{"YYYY-MM-DD": {"description", "reason",
/// "working"}}</c>; update <c>{"date", "working", "description", "project", "user", "recalculate_field"}</c> →
/// <c>{"date", "description", "project", "user", "working"}</c>.
/// </summary>
/// <remarks>
/// Guesses, for want of a site to ask: a user exception wins over a project exception, which wins over a studio
/// exception, when a read names both a project and a user (the live test never puts two on one day); a weekend
/// reads as <c>STUDIO_WORK_WEEK</c>, not working. Not emulated: custom project or user work weeks
/// (<c>PROJECT_WORK_WEEK</c>, <c>USER_WORK_WEEK</c>), and <c>recalculate_field</c> (it is checked, but no Task's
/// dates move). The error texts are the emulator's own. An update logs no event (whether a site does is not known).
/// </remarks>
internal static class WorkScheduleMethods
{
    /// <summary>The longest range one read answers (the emulator's own bound, so one call cannot build a huge answer).</summary>
    public const int MaxDays = 3660;

    private static readonly string[] RecalculateFields = ["due_date", "duration"];

    public static JToken Read(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        const string Method = "work_schedule_read";
        var parameters = Api3Params.Object(rawParameters, Method);
        var start = Date(parameters, "start_date", Method);
        var end = Date(parameters, "end_date", Method);
        if (end < start)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() end_date {WireDates.FormatDate(end)} is before start_date {WireDates.FormatDate(start)}.");
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() reads at most {MaxDays} days at a time.");
        }

        var project = Api3Params.OptionalLiveEntity(site, parameters["project"], "project", Method, "Project");
        var user = Api3Params.OptionalLiveEntity(site, parameters["user"], "user", Method, "HumanUser");
        var result = new JObject();
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var (rule, reason) = Resolve(site.WorkSchedule, day, project?.Id, user?.Id);
            result[WireDates.FormatDate(day)] = new JObject
            {
                ["description"] = rule?.Description,
                ["reason"] = reason,
                ["working"] = rule?.Working ?? WorkSchedule.IsStudioWorkDay(day),
            };
        }

        return (JToken)result;
    });

    public static JToken Update(EmulatorStore store, JToken? rawParameters) => store.Write<JToken>(_ =>
    {
        const string Method = "work_schedule_update";
        var site = store.Site;
        var parameters = Api3Params.Object(rawParameters, Method);
        var date = Date(parameters, "date", Method);
        var working = parameters["working"] is { Type: JTokenType.Boolean } flag
            ? (bool)flag
            : throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {Method}() working must be true or false, got {parameters["working"]?.ToString(Formatting.None) ?? "nothing"}.");
        var description = parameters["description"] switch
        {
            null or { Type: JTokenType.Null } => null,
            { Type: JTokenType.String } text => (string?)text,
            var other => throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() description must be a string, got {other.ToString(Formatting.None)}."),
        };
        var project = Api3Params.OptionalLiveEntity(site, parameters["project"], "project", Method, "Project");
        var user = Api3Params.OptionalLiveEntity(site, parameters["user"], "user", Method, "HumanUser");
        if (project is not null && user is not null)
        {
            // The Python API's docs: "project and user can only be used exclusively of each other".
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() takes a project or a user, not both.");
        }

        if (parameters["recalculate_field"] is { Type: not JTokenType.Null } recalculate
            && !(recalculate.Type == JTokenType.String && RecalculateFields.Contains((string?)recalculate)))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {Method}() recalculate_field must be due_date or duration, got {recalculate.ToString(Formatting.None)}.");
        }

        var (scope, id) = user is not null ? (WorkScheduleScope.User, user.Id)
            : project is not null ? (WorkScheduleScope.Project, project.Id)
            : (WorkScheduleScope.Studio, 0);
        site.WorkSchedule.Set(scope, id, date, new WorkDayRule(working, description));
        var result = new JObject
        {
            ["date"] = WireDates.FormatDate(date),
            ["description"] = description,
            ["project"] = project is null ? null : site.Link(project),
            ["user"] = user is null ? null : site.Link(user),
            ["working"] = working,
        };
        return () => result;
    });

    private static (WorkDayRule? Rule, string Reason) Resolve(WorkSchedule schedule, DateOnly day, int? projectId, int? userId)
    {
        if (userId is { } u && schedule.Find(WorkScheduleScope.User, u, day) is { } userRule)
        {
            return (userRule, "USER_EXCEPTION");
        }

        if (projectId is { } p && schedule.Find(WorkScheduleScope.Project, p, day) is { } projectRule)
        {
            return (projectRule, "PROJECT_EXCEPTION");
        }

        return schedule.Find(WorkScheduleScope.Studio, 0, day) is { } studioRule
            ? (studioRule, "STUDIO_EXCEPTION")
            : (null, "STUDIO_WORK_WEEK");
    }

    private static DateOnly Date(JObject parameters, string name, string method) =>
        parameters[name] is { Type: JTokenType.String } text && WireDates.TryParseDate((string?)text, out var date)
            ? date
            : throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() {name} must be a date as \"YYYY-MM-DD\", got {parameters[name]?.ToString(Formatting.None) ?? "nothing"}.");
}
