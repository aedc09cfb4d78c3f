using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// Converts CLR values to the api3 wire form: dates as <c>YYYY-MM-DDTHH:MM:SSZ</c> in UTC (seconds only, as the site
/// parses exactly 20 characters), plain dates as <c>YYYY-MM-DD</c>, entity links as <c>{type, id, name}</c>.
/// </summary>
internal static class WireValue
{
    /// <summary>The date-time format the site reads and writes.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The plain-date format.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Converts one value; lists become JSON arrays, dictionaries and anonymous objects JSON objects.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A new JSON value.</returns>
    public static JToken From(object? value) => value switch
    {
        null => JValue.CreateNull(),
        JToken token => FromToken(token),
        string s => new JValue(s),
        bool b => new JValue(b),
        int or long or short or byte or sbyte or ushort or uint => new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => new JValue(u),
        double d => new JValue(d),

        // Through the shortest text form, so 0.1f goes as 0.1 and not as 0.10000000149011612.
        float f => new JValue(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        decimal m => new JValue(m),
        DateTime dt => new JValue(FormatDateTime(dt)),
        DateTimeOffset dto => new JValue(dto.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture)),
        DateOnly date => new JValue(date.ToString(DateFormat, CultureInfo.InvariantCulture)),
        Guid g => new JValue(g.ToString("D")),
        Uri uri => new JValue(uri.OriginalString),
        Enum e => new JValue(e.ToString()),
        EntityRef link => link.ToJson(),
        Entity entity => Link(entity.Raw),
        IReadOnlyDictionary<string, object?> fields => new JObject(fields.Select(f => new JProperty(f.Key, From(f.Value)))),
        IDictionary dictionary => FromDictionary(dictionary),
        IEnumerable sequence => new JArray(sequence.Cast<object?>().Select(From)),
        _ => FromObject(value),
    };

    /// <summary>A date-time as the site wants it: converted to UTC, seconds only.</summary>
    /// <param name="value">The value; an unspecified kind is taken as UTC already.</param>
    /// <returns>The wire string.</returns>
    public static string FormatDateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>True for a JSON object that is an entity link (it has a string <c>type</c> and an integer <c>id</c>).</summary>
    /// <param name="token">The JSON value.</param>
    /// <returns>True for a link.</returns>
    public static bool IsLink(JToken? token) =>
        token is JObject obj && obj["type"]?.Type == JTokenType.String && obj["id"]?.Type == JTokenType.Integer;

    /// <summary>An entity dictionary trimmed to what a filter needs: <c>type</c>, <c>id</c> and <c>name</c>.</summary>
    /// <param name="obj">The entity object.</param>
    /// <returns>A new JSON object.</returns>
    public static JObject Link(JObject obj)
    {
        var link = new JObject { ["type"] = obj["type"]?.DeepClone(), ["id"] = obj["id"]?.DeepClone() };
        if (obj["name"] is { } name)
        {
            link["name"] = name.DeepClone();
        }

        return link;
    }

    /// <summary>A value as it goes in a filter: entity links trimmed, everything else converted.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A new JSON value.</returns>
    public static JToken ForFilter(object? value)
    {
        var token = From(value);
        return IsLink(token) ? Link((JObject)token) : token;
    }

    private static JToken FromToken(JToken token)
    {
        // Tokens parsed with date handling on hold DateTime values; the site wants its own string form.
        if (token is JValue { Type: JTokenType.Date, Value: var date })
        {
            return date switch
            {
                DateTimeOffset dto => new JValue(dto.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture)),
                DateTime dt => new JValue(FormatDateTime(dt)),
                _ => token.DeepClone(),
            };
        }

        if (token is JContainer container)
        {
            var copy = (JContainer)container.DeepClone();
            foreach (var nested in copy.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.Date).ToArray())
            {
                nested.Replace(FromToken(nested));
            }

            return copy;
        }

        return token.DeepClone();
    }

    private static JObject FromDictionary(IDictionary dictionary)
    {
        var obj = new JObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = entry.Key as string
                ?? throw new ArgumentException($"A dictionary sent to the site needs string keys; found a key of type {entry.Key.GetType().Name}.");
            obj[key] = From(entry.Value);
        }

        return obj;
    }

    private static JToken FromObject(object value)
    {
        if (value.GetType().IsValueType)
        {
            throw new ArgumentException(
                $"Cannot send a {value.GetType().Name} to the site: use a number, string, bool, DateTime, DateTimeOffset, DateOnly, an entity link or a list of those.");
        }

        var fields = FieldData.FromObject(value);
        var obj = new JObject();
        foreach (var (name, fieldValue) in fields)
        {
            obj[name] = From(fieldValue);
        }

        return obj;
    }
}
