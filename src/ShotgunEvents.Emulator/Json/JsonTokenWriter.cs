using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Json;

/// <summary>
/// Writes replies with <see cref="Utf8JsonWriter"/>: several times faster than serialising a Newtonsoft tree, which
/// matters for 500-row event pages. Floats keep a decimal point (<c>24.0</c>), as the site's JSON does.
/// </summary>
internal static class JsonTokenWriter
{
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void Write(Utf8JsonWriter writer, JToken? token)
    {
        switch (token)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.Properties())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JValue value:
                WriteValue(writer, value);
                break;
            default:
                writer.WriteStringValue(token.ToString());
                break;
        }
    }

    public static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.AsSpan().IndexOfAny(".Ee") < 0 ? text + ".0" : text, skipInputValidation: true);
    }

    private static void WriteValue(Utf8JsonWriter writer, JValue value)
    {
        switch (value.Value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                WriteFloat(writer, number);
                break;
            case float number:
                WriteFloat(writer, number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case BigInteger number:
                writer.WriteRawValue(number.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value.Value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
