using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>user_subscriptions_read</c> (no parameters) → <c>[{"humanUserId", "subscription"}]</c>, and
/// <c>user_subscriptions_create</c> <c>{"users": [{"humanUserId", "subscription"}]}</c>, where a subscription is null,
/// a string or a list of strings (the Python API's docstrings). The server side is not documented beyond that, so:
/// the read lists every live HumanUser by id (null for one never assigned a subscription); the create answers
/// <c>{"status": "success"}</c> (the only key the Python API reads) and stores all or nothing; the subscription
/// values are not checked against a catalogue (a site's names are not known). Error texts are the emulator's own.
/// </summary>
internal static class UserSubscriptionMethods
{
    public static JToken Read(EmulatorStore store) => store.Read(site => (JToken)new JArray(
        site.Table("HumanUser").Records.Values.Where(r => !r.Retired).OrderBy(r => r.Id).Select(r => new JObject
        {
            ["humanUserId"] = r.Id,
            ["subscription"] = site.Subscriptions.Get(r.Id),
        })));

    public static JToken Create(EmulatorStore store, JToken? rawParameters) => store.Write<JToken>(_ =>
    {
        const string Method = "user_subscriptions_create";
        var site = store.Site;
        var parameters = Api3Params.Object(rawParameters, Method);
        var users = parameters["users"] as JArray
            ?? throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {Method}() users must be a list of {{\"humanUserId\", \"subscription\"}}, got {parameters["users"]?.ToString(Formatting.None) ?? "nothing"}.");
        var assignments = users.Select(item => Assignment(site, item, Method)).ToList();
        foreach (var (userId, subscription) in assignments)
        {
            site.Subscriptions.Set(userId, subscription);
        }

        return () => new JObject { ["status"] = "success" };
    });

    private static (int UserId, JToken Subscription) Assignment(SiteData site, JToken item, string method)
    {
        if (item is not JObject assignment || assignment["humanUserId"]?.Type != JTokenType.Integer)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() each user must be {{\"humanUserId\": <HumanUser id>, \"subscription\"}}, got {item.ToString(Formatting.None)}.");
        }

        var userId = (int)assignment["humanUserId"]!;
        if (site.FindLive("HumanUser", userId) is null)
        {
            throw new EmulatorException(ErrorCodes.NotFoundOrDenied, $"API {method}() Entity of type [HumanUser] with id={userId} does not exist.");
        }

        var subscription = assignment["subscription"] ?? JValue.CreateNull();
        var valid = subscription.Type is JTokenType.Null or JTokenType.String
            || (subscription is JArray names && names.All(n => n.Type == JTokenType.String));
        return valid
            ? (userId, subscription)
            : throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() subscription must be null, a string or a list of strings, got {subscription.ToString(Formatting.None)}.");
    }
}
