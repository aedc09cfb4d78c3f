using System.Collections;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// Turns the shapes a C# caller naturally writes field values in (an anonymous object, a dictionary, a JSON object)
/// into the field dictionary <see cref="IShotgun"/> takes.
/// </summary>
internal static class FieldData
{
    /// <summary>Reads field names and values from <paramref name="data"/>.</summary>
    /// <param name="data">
    /// An <see cref="IReadOnlyDictionary{TKey,TValue}"/>, any dictionary with string keys, a <see cref="JObject"/>,
    /// or an object whose public properties are the fields (an anonymous object: <c>new { code = "sh010" }</c>).
    /// </param>
    /// <returns>The fields, in declaration order.</returns>
    public static IReadOnlyDictionary<string, object?> FromObject(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (data)
        {
            case IReadOnlyDictionary<string, object?> ready:
                return ready;
            case JObject obj:
                return obj.Properties().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
            case IDictionary dictionary:
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    fields[entry.Key as string ?? throw new ArgumentException(
                        $"Field names must be strings; the data has a key of type {entry.Key.GetType().Name}.", nameof(data))] = entry.Value;
                }

                return fields;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            case string or IEnumerable:
                throw new ArgumentException(
                    $"Field data must be an object with named fields (for example new {{ code = \"sh010\" }}) or a dictionary; got a {data.GetType().Name}.",
                    nameof(data));
            default:
                return FromProperties(data);
        }
    }

    private static Dictionary<string, object?> FromProperties(object data)
    {
        var properties = data.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();
        if (properties.Length == 0)
        {
            throw new ArgumentException(
                $"Cannot send a {data.GetType().Name} to the site: it has no public properties to use as fields.", nameof(data));
        }

        return properties.ToDictionary(p => p.Name, p => p.GetValue(data), StringComparer.Ordinal);
    }
}
