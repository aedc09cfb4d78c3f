using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Wire;

/// <summary>
/// Turns returned records into <see cref="Entity"/> objects the way the Python client's <c>_parse_records</c> does:
/// the site escapes <c>&lt;</c> as <c>&amp;lt;</c> in strings, and callers expect the character back.
/// </summary>
internal static class RecordParser
{
    /// <summary>One record as an entity.</summary>
    /// <param name="record">The record.</param>
    /// <param name="method">The api3 method, for errors.</param>
    /// <param name="fields">The fields it was read with (see <see cref="Entity.Fields"/>), or null when unknown.</param>
    /// <returns>The entity.</returns>
    public static Entity ToEntity(JToken record, string method, IReadOnlyCollection<string>? fields = null) => record is JObject obj
        ? new Entity(Unescape(obj), fields)
        : throw new ProtocolError(method, null, $"{method}: expected a record object in the answer, got {record.Type}.");

    /// <summary>A list of records as entities.</summary>
    /// <param name="records">The list.</param>
    /// <param name="method">The api3 method, for errors.</param>
    /// <param name="fields">The fields they were read with, or null when unknown.</param>
    /// <returns>The entities.</returns>
    public static IReadOnlyList<Entity> ToEntities(JToken? records, string method, IReadOnlyCollection<string>? fields = null) => records is JArray array
        ? array.Select(r => ToEntity(r, method, fields)).ToArray()
        : throw new ProtocolError(method, null, $"{method}: expected a list of records in the answer, got {records?.Type.ToString() ?? "nothing"}.");

    /// <summary>Puts back the <c>&lt;</c> the site escaped, everywhere in <paramref name="obj"/> (in place).</summary>
    /// <param name="obj">An answer.</param>
    /// <returns><paramref name="obj"/>.</returns>
    public static JObject Unescape(JObject obj)
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
