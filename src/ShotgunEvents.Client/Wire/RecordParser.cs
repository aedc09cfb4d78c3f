using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Wire;

/// <summary>
/// Turns returned records into <see cref="Entity"/> objects the way the Python client's <c>_parse_records</c> does:
/// the site escapes <c>&lt;</c> as <c>&amp;lt;</c> in strings, and callers expect the character back.
/// </summary>
internal static class RecordParser
{
    public static Entity ToEntity(JToken record, string method) => record is JObject obj
        ? new Entity(Unescape(obj))
        : throw new ProtocolError(method, null, $"{method}: expected a record object in the answer, got {record.Type}.");

    public static IReadOnlyList<Entity> ToEntities(JToken? records, string method) => records is JArray array
        ? array.Select(r => ToEntity(r, method)).ToArray()
        : throw new ProtocolError(method, null, $"{method}: expected a list of records in the answer, got {records?.Type.ToString() ?? "nothing"}.");

    private static JObject Unescape(JObject obj)
    {
        Walk(obj);
        return obj;
    }

    // A plain recursive walk: LINQ's Descendants() doubled the cost of reading a 500-row page.
    private static void Walk(JToken token)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj)
                {
                    if (property.Value is { } value)
                    {
                        Walk(value);
                    }
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    Walk(item);
                }

                break;
            case JValue { Type: JTokenType.String, Value: string text } value when text.Contains("&lt;", StringComparison.Ordinal):
                value.Value = text.Replace("&lt;", "<", StringComparison.Ordinal);
                break;
        }
    }
}
