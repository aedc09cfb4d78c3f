using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json.Linq;
using Razorvine.Pickle;

namespace ShotgunEvents.Emulator.Schema;

/// <summary>
/// Reads the pickles <c>mockgun.generate_schema(sg, schema_path, entity_schema_path)</c> writes: the
/// <c>schema_read</c> and <c>schema_entity_read</c> answers as Python dicts (protocol 2 from Python 2 or 3, or any
/// later protocol). Python 2 byte strings are read as UTF-8 text.
/// </summary>
internal static class PickleSchemaReader
{
    /// <summary>A pickle of protocol 2 or later opens with the PROTO opcode; protocols 0 and 1 open with a dict or mark.</summary>
    public static bool IsPickle(ReadOnlySpan<byte> head) =>
        head.Length > 1 && (head[0] == 0x80 || head[0] == (byte)'}' || head[0] == (byte)'(');

    public static JToken Load(byte[] bytes, string source)
    {
        object? root;
        try
        {
            using var unpickler = new Unpickler();
            root = unpickler.loads(bytes);
        }
        catch (Exception e) when (e is PickleException or IndexOutOfRangeException or InvalidCastException or ArgumentException or InvalidOperationException)
        {
            // Razorvine reports truncation as IndexOutOfRangeException and unknown opcodes as PickleException.
            throw new InvalidDataException($"The schema pickle {source} cannot be read (truncated, or not a pickle of dicts?): {e.Message}", e);
        }

        return ToJson(root);
    }

    private static JToken ToJson(object? value) => value switch
    {
        null => JValue.CreateNull(),
        string text => new JValue(text),
        byte[] bytes => new JValue(Encoding.UTF8.GetString(bytes)),
        bool flag => new JValue(flag),
        int number => new JValue(number),
        long number => new JValue(number),
        BigInteger big => new JValue(big.ToString(CultureInfo.InvariantCulture)),
        double number => new JValue(number),
        decimal number => new JValue(number),
        IDictionary dictionary => Object(dictionary),
        IEnumerable items => new JArray(items.Cast<object?>().Select(ToJson)),
        _ => new JValue(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JObject Object(IDictionary dictionary)
    {
        var result = new JObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = entry.Key switch
            {
                string text => text,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty,
            };
            result[key] = ToJson(entry.Value);
        }

        return result;
    }
}
