using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>update_project_last_accessed_by_current_user</c> (the Python API's <c>update_project_last_accessed</c>):
/// <c>{"project_id", "user_id"?}</c>. Stamps <c>Project.last_accessed_by_current_user</c> with the site's clock when
/// the schema has that field.
/// </summary>
/// <remarks>
/// On a site the value is per user (each person reads their own); here it is one value, the latest access by anyone.
/// The answer is not documented: the Python API takes the first of the parsed records (so it must be a record), and
/// the emulator answers the Project as <c>{"type", "id", "last_accessed_by_current_user"}</c>, a guess. No event is
/// logged and <c>updated_at</c> does not move (a guess too: it is a per-user bookmark, not an edit). Without a
/// <c>user_id</c> the caller is the user, a script included; whether a site refuses a script there is not known.
/// </remarks>
internal static class ProjectAccessMethod
{
    public const string Field = "last_accessed_by_current_user";

    public static JToken Run(EmulatorStore store, JToken? rawParameters) => store.Write<JToken>(_ =>
    {
        const string Method = "update_project_last_accessed_by_current_user";
        var site = store.Site;
        var parameters = Api3Params.Object(rawParameters, Method);
        var projectId = Id(parameters, "project_id", Method);
        var project = site.FindLive("Project", projectId) ?? throw WriteErrors.NotFound(Method, "Project", projectId);
        if (parameters["user_id"] is { Type: not JTokenType.Null })
        {
            var userId = Id(parameters, "user_id", Method);
            if (site.FindLive("HumanUser", userId) is null)
            {
                throw WriteErrors.NotFound(Method, "HumanUser", userId);
            }
        }

        var result = new JObject { ["type"] = project.Type, ["id"] = project.Id };
        if (project.Schema.HasField(Field))
        {
            var now = new JValue(WireDates.Format(site.Now));
            project.Fields[Field] = now;
            result[Field] = now.DeepClone();
        }

        return () => result;
    });

    private static int Id(JObject parameters, string name, string method) =>
        parameters[name]?.Type == JTokenType.Integer
            ? (int)parameters[name]!
            : throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() requires an integer {name}, got {parameters[name]?.ToString(Formatting.None) ?? "nothing"}.");
}
