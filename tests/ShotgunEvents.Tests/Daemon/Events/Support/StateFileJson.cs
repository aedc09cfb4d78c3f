using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>Reads the daemon's state file as a person would: plain JSON, not through the product's reader.</summary>
internal static class StateFileJson
{
    /// <summary>The plugin's last_event_id, or null when the file or the entry is missing.</summary>
    public static long? LastEventId(string path, string collection, string plugin) =>
        Plugin(path, collection, plugin)?["last_event_id"]?.Value<long?>();

    /// <summary>The plugin's backlog entries (empty when none).</summary>
    public static IReadOnlyList<JObject> Backlog(string path, string collection, string plugin) =>
        [.. (Plugin(path, collection, plugin)?["backlog"] as JArray ?? []).OfType<JObject>()];

    /// <summary>Every plugin's last_event_id, by plugin name, in one collection.</summary>
    public static IReadOnlyDictionary<string, long?> Positions(string path, string collection)
    {
        var plugins = Read(path)?["collections"]?[collection] as JObject;
        return plugins is null
            ? new Dictionary<string, long?>()
            : plugins.Properties().ToDictionary(p => p.Name, p => p.Value["last_event_id"]?.Value<long?>());
    }

    private static JToken? Plugin(string path, string collection, string plugin) => Read(path)?["collections"]?[collection]?[plugin];

    private static JObject? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JObject.Parse(File.ReadAllText(path)) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null; // not (yet) a state file the daemon wrote
        }
    }
}
