using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>follow</c>, <c>unfollow</c>, <c>followers</c> and <c>following</c>, with the request and result shapes of
/// the Python API (<c>shotgun_api3/shotgun.py</c> and its live tests): <c>{"user", "entity"}</c> →
/// <c>{"followed": true, "user", "entity"}</c>; <c>{"entity"}</c> → the following users; <c>{"user", "project"?,
/// "entity_type"?}</c> → <c>[{"type", "id"}]</c>. Following changes no entity and logs no event here; whether a
/// real site logs one is not known.
/// </summary>
internal static class FollowMethods
{
    // Only people follow things on a site (notifications go to HumanUsers); whether a site refuses an ApiUser here, and
    // with which text, is not known: the emulator answers 103.
    private const string UserType = "HumanUser";

    public static JToken Follow(EmulatorStore store, JToken? rawParameters) => Change(store, rawParameters, "follow", follow: true);

    public static JToken Unfollow(EmulatorStore store, JToken? rawParameters) => Change(store, rawParameters, "unfollow", follow: false);

    /// <summary>The users following an entity, as the docs show them: <c>{"type", "id", "name", "status", "valid"}</c>.</summary>
    public static JToken Followers(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, "followers");
        // A site of 2015 answered HTTP 500 for an entity that does not exist (python-api issue #86); the emulator
        // answers the envelope (104) a write would, since what a current site answers is not known.
        var entity = Api3Params.LiveEntity(site, parameters["entity"], "entity", "followers");
        var result = new JArray();
        foreach (var key in site.Follows.FollowersOf(entity.Key))
        {
            if (site.FindLive(key.Type, key.Id) is { } user)
            {
                var link = site.Link(user);
                link["status"] = user.Stored("sg_status_list")?.DeepClone() ?? JValue.CreateNull();
                link["valid"] = "valid";
                result.Add(link);
            }
        }

        return (JToken)result;
    });

    /// <summary>The live entities a user follows, optionally only those of one project and/or one entity type.</summary>
    public static JToken Following(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, "following");
        var user = Api3Params.LiveEntity(site, parameters["user"], "user", "following", UserType);
        var project = Api3Params.OptionalLiveEntity(site, parameters["project"], "project", "following", "Project");
        var entityType = parameters["entity_type"] is { Type: not JTokenType.Null } type
            ? site.Schema.GetEntity(type.Type == JTokenType.String ? (string?)type : type.ToString(), "following").Name
            : null;
        var result = new JArray();
        foreach (var key in site.Follows.FollowedBy(user.Key))
        {
            if ((entityType is null || key.Type == entityType)
                && site.FindLive(key.Type, key.Id) is { } entity
                && (project is null || InProject(entity, project.Id)))
            {
                result.Add(new JObject { ["type"] = key.Type, ["id"] = key.Id });
            }
        }

        return (JToken)result;
    });

    private static JToken Change(EmulatorStore store, JToken? rawParameters, string method, bool follow) => store.Write<JToken>(_ =>
    {
        var site = store.Site;
        var parameters = Api3Params.Object(rawParameters, method);
        var user = Api3Params.LiveEntity(site, parameters["user"], "user", method, UserType);
        var entity = Api3Params.LiveEntity(site, parameters["entity"], "entity", method);
        // Following twice, or unfollowing what is not followed, succeeds and changes nothing (the Python API's docs).
        if (follow)
        {
            site.Follows.Add(user.Key, entity.Key);
        }
        else
        {
            site.Follows.Remove(user.Key, entity.Key);
        }

        // The docs: "dict with "followed": True as well as key/values for the params that were passed in".
        var result = new JObject
        {
            [follow ? "followed" : "unfollowed"] = true,
            ["user"] = parameters["user"]!.DeepClone(),
            ["entity"] = parameters["entity"]!.DeepClone(),
        };
        return () => result;
    });

    // A Project counts as in itself, so following a project shows under that project (a guess: not documented).
    private static bool InProject(EntityRecord entity, int projectId) =>
        entity.Type == "Project"
            ? entity.Id == projectId
            : entity.Stored("project") is JObject link && (int?)link["id"] == projectId && (string?)link["type"] == "Project";
}
