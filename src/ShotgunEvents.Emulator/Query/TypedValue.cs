using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>Turns JSON values into comparable CLR values per data type, and compares them as the site does (text without case).</summary>
internal static class TypedValue
{
    public static object? From(JToken? token, FieldKind kind)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        return kind switch
        {
            FieldKind.Number or FieldKind.Float or FieldKind.Duration or FieldKind.Percent or FieldKind.Currency or FieldKind.Timecode =>
                token.Type is JTokenType.Integer or JTokenType.Float ? (double)token : null,
            FieldKind.Checkbox => token.Type == JTokenType.Boolean ? (bool)token : null,
            FieldKind.Date => WireDates.TryParseDate((string?)token, out var date) ? date
                : WireDates.TryParseDateTime((string?)token, out var dateTime) ? DateOnly.FromDateTime(dateTime.UtcDateTime) : null,
            FieldKind.DateTime => WireDates.TryParseDateTime((string?)token, out var time) ? time : null,
            FieldKind.Entity => token is JObject link ? Key(link) : null,
            _ => token.Type == JTokenType.String ? (string?)token : token.ToString(),
        };
    }

    public static EntityKey? Key(JObject link) =>
        link["type"]?.Type == JTokenType.String && link["id"]?.Type == JTokenType.Integer ? new EntityKey((string)link["type"]!, (int)link["id"]!) : null;

    public static bool AreEqual(object? a, object? b) => a switch
    {
        null => b is null,
        string text => b is string other && string.Equals(text, other, StringComparison.OrdinalIgnoreCase),
        _ => a.Equals(b),
    };

    /// <summary>Orders two values of one type; null sorts before any value.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        (IComparable x, _) when x.GetType() == b.GetType() => x.CompareTo(b),
        _ => string.CompareOrdinal(a.ToString(), b.ToString()),
    };
}
