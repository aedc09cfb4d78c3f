using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// A JSON object read straight off the wire into arrays (names and values, in the site's order), so a record nobody
/// asks to see as a <see cref="JObject"/> never becomes one. Values are <see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="System.Numerics.BigInteger"/>, null (JSON null),
/// <see cref="WireObject"/> or <see cref="WireArray"/>.
/// </summary>
/// <remarks>Immutable once read: every <see cref="ToJObject"/> is a fresh tree, so it doubles as the deep copy.</remarks>
internal sealed class WireObject(string[] names, object?[] values)
{
    public int Count => names.Length;

    public string NameAt(int index) => names[index];

    public object? ValueAt(int index) => values[index];

    /// <summary>Whether the object has <paramref name="name"/>, and its value.</summary>
    public bool TryGet(string name, out object? value)
    {
        // Rows have a handful of fields: a scan beats a dictionary.
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                value = values[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    public JObject ToJObject()
    {
        var obj = new JObject();
        for (var i = 0; i < names.Length; i++)
        {
            // Indexer semantics: a repeated name keeps the last value, as JToken.ReadFrom does.
            obj[names[i]] = ToToken(values[i]);
        }

        return obj;
    }

    public static JToken ToToken(object? value) => value switch
    {
        null => JValue.CreateNull(),
        WireObject obj => obj.ToJObject(),
        WireArray array => array.ToJArray(),
        _ => new JValue(value),
    };
}
