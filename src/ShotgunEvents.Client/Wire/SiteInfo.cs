using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Client.Wire;

/// <summary>What the client takes from the site's <c>info</c> reply (protocol §2.3).</summary>
/// <param name="PageSize">Entities per page: <c>api_max_entities_per_page</c>, else 500.</param>
internal sealed record SiteInfo(int PageSize)
{
    public const int DefaultPageSize = 500;

    public static SiteInfo From(JToken info)
    {
        var size = info is JObject obj && obj["api_max_entities_per_page"]?.Type == JTokenType.Integer
            ? obj.Value<int>("api_max_entities_per_page")
            : DefaultPageSize;
        return new SiteInfo(size > 0 ? size : DefaultPageSize);
    }
}
