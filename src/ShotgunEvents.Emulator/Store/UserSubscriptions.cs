using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// The subscription assigned to each HumanUser (api3 <c>user_subscriptions_create</c>): null, one string or a list of
/// strings, stored as sent. A user never assigned one has none (null).
/// </summary>
internal sealed class UserSubscriptions
{
    private readonly SortedDictionary<int, JToken> _byUser = [];

    public IEnumerable<KeyValuePair<int, JToken>> All => _byUser;

    public void Set(int humanUserId, JToken subscription) => _byUser[humanUserId] = subscription.DeepClone();

    public JToken Get(int humanUserId) => _byUser.TryGetValue(humanUserId, out var value) ? value.DeepClone() : JValue.CreateNull();
}
