using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Daemon.State;

/// <summary>Reads the state file's JSON (see <see cref="StateJsonWriter"/>), checking every value; problems throw <see cref="FormatException"/> with the JSON path.</summary>
internal static class StateJsonReader
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="JsonReaderException">The text is not JSON (truncated, garbage).</exception>
    /// <exception cref="FormatException">The JSON is not a state file of this version; the message says where.</exception>
    public static DaemonState Read(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        if (reader.Read())
        {
            throw new JsonReaderException($"unexpected text after the JSON object at line {reader.LineNumber}, position {reader.LinePosition}");
        }

        if (token is not JObject root)
        {
            throw new FormatException("the top level is not a JSON object");
        }

        var version = root["version"] ?? throw new FormatException("'version' is missing");
        if (version.Type != JTokenType.Integer || version.Value<long>() != StateJsonWriter.Version)
        {
            throw new FormatException(
                $"it is version {version.ToString(Formatting.None)}; this ShotgunEvents reads version {StateJsonWriter.Version} (was it written by a newer one?)");
        }

        var state = new DaemonState { DefaultLastEventId = OptionalId(root, "default_last_event_id") };
        foreach (var collection in Object(root, "collections")?.Properties() ?? [])
        {
            var plugins = collection.Value as JObject ?? throw Bad(collection.Value, "is not an object of plugins");
            state.AddCollection(collection.Name);
            foreach (var plugin in plugins.Properties())
            {
                var entry = plugin.Value as JObject ?? throw Bad(plugin.Value, "is not an object");
                state.Set(collection.Name, plugin.Name, ReadPlugin(entry));
            }
        }

        return state;
    }

    private static PluginState ReadPlugin(JObject entry)
    {
        var backlog = Backlog.Empty;
        var ranges = entry["backlog"];
        if (ranges is not null && ranges.Type != JTokenType.Null)
        {
            if (ranges is not JArray array)
            {
                throw Bad(ranges, "is not a list");
            }

            foreach (var item in array)
            {
                var range = item as JObject ?? throw Bad(item, "is not an object {from, to, expires}");
                var from = OptionalId(range, "from") ?? throw Bad(range, "has no 'from'");
                var to = OptionalId(range, "to") ?? throw Bad(range, "has no 'to'");
                if (to < from)
                {
                    throw Bad(range, "has 'to' before 'from'");
                }

                backlog = backlog.Add(from, to, Time(range["expires"] ?? throw Bad(range, "has no 'expires'")));
            }
        }

        return new PluginState(OptionalId(entry, "last_event_id"), backlog);
    }

    private static JObject? Object(JObject parent, string name) =>
        parent[name] switch
        {
            null or { Type: JTokenType.Null } => null,
            JObject o => o,
            var other => throw Bad(other, "is not an object"),
        };

    private static long? OptionalId(JObject parent, string name) =>
        parent[name] switch
        {
            null or { Type: JTokenType.Null } => null,
            { Type: JTokenType.Integer } v when v.Value<long>() >= 0 => v.Value<long>(),
            var other => throw Bad(other, "is not an event id (a whole number of at least 0)"),
        };

    private static DateTimeOffset Time(JToken token) =>
        token.Type == JTokenType.String
        && DateTimeOffset.TryParse(token.Value<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw Bad(token, "is not a time such as 2024-03-01T12:05:00Z");

    private static FormatException Bad(JToken token, string reason) => new($"{token.Path} {reason}");
}
