using Newtonsoft.Json;
using ShotgunEvents.Api;
using ShotgunEvents.Client.Transport;

namespace ShotgunEvents.Client.Wire;

/// <summary>
/// Reads a <c>read</c> answer with a streaming <see cref="JsonTextReader"/> straight into <see cref="WireObject"/> rows:
/// no <c>JObject</c> for the envelope or for any row. Catching up, building and walking those trees was most of the
/// client's time per page.
/// </summary>
/// <remarks>
/// It handles the plain case only: a JSON object whose <c>results</c> holds an <c>entities</c> list of objects and no
/// truthy <c>exception</c>. For anything else (a fault, invalid JSON, an odd shape or token) it answers null and the
/// caller reads the body the <c>JToken</c> way, which gives the answer or the error exactly as before.
/// </remarks>
internal static class EventPageReader
{
    public static EventPage? TryRead(RpcReply reply)
    {
        try
        {
            using var reader = new JsonTextReader(reply.OpenText())
            {
                DateParseHandling = DateParseHandling.None,
            };
            return ReadEnvelope(reader);
        }
        catch (JsonReaderException)
        {
            return null;
        }
        catch (NotPlainException)
        {
            return null;
        }
    }

    private static EventPage? ReadEnvelope(JsonTextReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            return null;
        }

        EventPage? page = null;
        var seenResults = false;
        while (Next(reader) == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            Next(reader);
            switch (name)
            {
                case "results" when !seenResults && reader.TokenType == JsonToken.StartObject:
                    seenResults = true;
                    page = ReadResults(reader);
                    break;
                case "results":
                    return null;
                case "exception" when IsTruthy(ReadValue(reader)):
                    return null;
                case "exception":
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return page;
    }

    private static EventPage? ReadResults(JsonTextReader reader)
    {
        List<WireObject>? rows = null;
        bool? hasNext = null;
        var pagingOk = true;
        while (Next(reader) == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            Next(reader);
            switch (name)
            {
                case "entities" when rows is null && reader.TokenType == JsonToken.StartArray:
                    rows = ReadRows(reader);
                    break;
                case "entities":
                    throw new NotPlainException();
                case "paging_info":
                    // The JToken path indexes into it: only an object reads the same both ways.
                    if (ReadValue(reader) is WireObject paging)
                    {
                        hasNext = paging.TryGet("has_next_page", out var next) && next is bool flag ? flag : null;
                    }
                    else
                    {
                        pagingOk = false;
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return rows is null || !pagingOk ? null : new EventPage(rows, hasNext);
    }

    private static List<WireObject> ReadRows(JsonTextReader reader)
    {
        var rows = new List<WireObject>();
        while (Next(reader) != JsonToken.EndArray)
        {
            // A row that is not an object is the JToken path's error to report.
            rows.Add(reader.TokenType == JsonToken.StartObject ? ReadObject(reader) : throw new NotPlainException());
        }

        return rows;
    }

    private static WireObject ReadObject(JsonTextReader reader)
    {
        var names = new List<string>(12);
        var values = new List<object?>(12);
        while (Next(reader) == JsonToken.PropertyName)
        {
            names.Add((string)reader.Value!);
            Next(reader);
            values.Add(ReadValue(reader));
        }

        return new WireObject([.. names], [.. values]);
    }

    private static object? ReadValue(JsonTextReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                return ReadObject(reader);
            case JsonToken.StartArray:
                var items = new List<object?>();
                while (Next(reader) != JsonToken.EndArray)
                {
                    items.Add(ReadValue(reader));
                }

                return new WireArray([.. items]);
            case JsonToken.String:
                // The site escapes '<' in strings (RecordParser): callers get the character back.
                var text = (string)reader.Value!;
                return text.Contains("&lt;", StringComparison.Ordinal) ? text.Replace("&lt;", "<", StringComparison.Ordinal) : text;
            case JsonToken.Integer or JsonToken.Float or JsonToken.Boolean:
                return reader.Value;
            case JsonToken.Null:
                return null;
            default:
                // Undefined, constructors, raw or byte values: the JToken path knows what to make of them.
                throw new NotPlainException();
        }
    }

    /// <summary>The next token; comments and the end of input are not part of a plain page.</summary>
    private static JsonToken Next(JsonTextReader reader) =>
        reader.Read() && reader.TokenType != JsonToken.Comment ? reader.TokenType : throw new NotPlainException();

    // RpcTransport's reading of 'exception'.
    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        long number => number != 0,
        string text => text.Length > 0,
        _ => true,
    };

    /// <summary>The body is valid but not a plain page: the caller reads it the JToken way.</summary>
    private sealed class NotPlainException : Exception;
}
