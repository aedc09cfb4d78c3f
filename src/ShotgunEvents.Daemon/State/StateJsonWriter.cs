using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Writes <see cref="DaemonState"/> as the state file's JSON: flat, indented, sorted, so a human can read and diff it:
/// <c>{"version":1,"collections":{"&lt;path&gt;":{"&lt;plugin&gt;":{"last_event_id":N,"backlog":[{"from":a,"to":b,"expires":"...Z"}]}}}}</c>.
/// </summary>
internal static class StateJsonWriter
{
    /// <summary>The format version written, and the only one read.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="state"/> to <paramref name="stream"/> (UTF-8, no BOM).</summary>
    public static void Write(DaemonState state, Stream stream)
    {
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        using var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 };
        json.WriteStartObject();
        json.WritePropertyName("version");
        json.WriteValue(Version);
        if (state.DefaultLastEventId is { } legacy)
        {
            json.WritePropertyName("default_last_event_id");
            json.WriteValue(legacy);
        }

        json.WritePropertyName("collections");
        json.WriteStartObject();
        foreach (var collection in state.CollectionPaths)
        {
            json.WritePropertyName(collection);
            json.WriteStartObject();
            foreach (var (plugin, pluginState) in state.Plugins(collection))
            {
                json.WritePropertyName(plugin);
                WritePlugin(json, pluginState);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        text.Write('\n');
    }

    /// <summary>An expiry as written: UTC, ISO 8601, fractions only when present.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WritePlugin(JsonTextWriter json, PluginState state)
    {
        json.WriteStartObject();
        json.WritePropertyName("last_event_id");
        json.WriteValue(state.LastEventId);
        json.WritePropertyName("backlog");
        json.WriteStartArray();
        foreach (var range in state.Backlog.Ranges)
        {
            // One compact line per range keeps a long backlog readable (only numbers and an ISO time: nothing to escape).
            json.WriteRawValue(string.Create(CultureInfo.InvariantCulture,
                $"{{\"from\": {range.From}, \"to\": {range.To}, \"expires\": \"{FormatTime(range.Expires)}\"}}"));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
