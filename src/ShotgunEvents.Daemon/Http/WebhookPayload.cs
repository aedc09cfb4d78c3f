using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// Recognises a ShotGrid webhook body: one delivery (<c>{"data": {...}, "timestamp": ...}</c>) or a batch
/// (<c>{"data": {"deliveries": [...]}, ...}</c>). Only its shape is checked: what happened is read from the event log.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>The number of deliveries in <paramref name="body"/>, or null when it is not a webhook body.</summary>
    public static int? CountDeliveries(byte[] body)
    {
        JToken root;
        try
        {
            root = JToken.Parse(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (JsonReaderException)
        {
            return null;
        }

        if (root is not JObject obj || obj["data"] is not JObject data)
        {
            return null;
        }

        return data["deliveries"] is JArray deliveries ? deliveries.Count : 1;
    }
}
