using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.State;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>status</c>: per collection and plugin, active or not (and why), last event, backlog, lag behind the site.
/// Reads the state file, the running daemon's status file, the plugin directories, and asks the site for its newest
/// event. Every plugin known to any of them is listed, so a plugin that never ran shows too.
/// </summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(StatusOptions options, TextWriter output)
    {
        var settings = SettingsLoader.Load(options.Config);
        var count = settings.Shards.Count;
        if (count == 1)
        {
            var summary = await SummarizeAsync(settings).ConfigureAwait(false);
            if (options.Json)
            {
                output.WriteLine(summary.ToString());
            }
            else
            {
                Print(summary, settings, output);
            }

            return ExitCodes.Ok;
        }

        // Sharded: every shard's state and daemon, whichever shard this command was told it is.
        var shards = new JArray();
        for (var index = 1; index <= count; index++)
        {
            var shard = ShardsSectionReader.WithShard(settings, string.Create(CultureInfo.InvariantCulture, $"{index}/{count}"));
            var summary = await SummarizeAsync(shard).ConfigureAwait(false);
            summary.AddFirst(new JProperty("shard", shard.Shards.Shard!.ToString()));
            shards.Add(summary);
            if (!options.Json)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(index == 1 ? string.Empty : "\n")}Shard {index}/{count}"));
                Print(summary, shard, output);
            }
        }

        if (options.Json)
        {
            output.WriteLine(new JObject { ["config"] = settings.ConfigPath, ["shards"] = shards }.ToString());
        }

        return ExitCodes.Ok;
    }

    /// <summary>What <c>status --json</c> prints for one state file (one daemon, or one shard).</summary>
    private static async Task<JObject> SummarizeAsync(DaemonSettings settings)
    {
        var stateFile = new StateFile(settings.Daemon.EventIdFile);
        var state = stateFile.Load();
        var statusPath = StatusReport.PathFor(stateFile.Path);
        var report = File.Exists(statusPath) ? ReadReport(statusPath) : null;
        var running = report?.Value<int?>("pid") is { } pid && PidFile.IsAlive(pid);

        // The embedded site lives inside the daemon: its address in an old status file points at nothing.
        var siteText = running ? report!.Value<string>("site") : settings.Shotgun.IsEmbedded ? null : settings.Shotgun.Url?.ToString();
        var head = siteText is null ? null : await ReadHeadAsync(new Uri(siteText), settings).ConfigureAwait(false);
        var live = running ? report!["plugins"]?.OfType<JObject>().ToList() ?? [] : [];
        var rows = new JArray();
        foreach (var (collection, plugin) in KnownPlugins(settings, state, live))
        {
            var fullPath = settings.Plugins.Paths.FirstOrDefault(p => p.Configured == collection)?.FullPath ?? collection;
            var saved = state?.Find(collection, plugin);
            var liveRow = live.FirstOrDefault(p => p.Value<string>("plugin") == plugin
                                                   && (p.Value<string>("collection") is not { } c || c == fullPath || c == collection));
            var onDisk = File.Exists(Path.Combine(fullPath, plugin + ".csx"));
            // The status file is refreshed at most once a second; the state file is written after every batch.
            var last = Max(liveRow?.Value<long?>("last_event_id"), saved?.LastEventId);
            var lastAt = liveRow?.Value<string>("last_event_created_at");
            var reason = !onDisk ? "no plugin file (its saved position is kept)"
                : !running ? "daemon not running"
                : liveRow is null ? "not loaded yet"
                : liveRow.Value<string>("reason");
            rows.Add(new JObject
            {
                ["collection"] = collection,
                ["plugin"] = plugin,
                ["active"] = running && liveRow is not null ? liveRow.Value<bool?>("active") : null,
                ["reason"] = reason,
                ["stuck"] = liveRow?.Value<bool?>("stuck") ?? false,
                ["mode"] = liveRow?.Value<string>("mode"),
                ["in_flight_event"] = liveRow?["in_flight_event"]?.DeepClone(),
                ["in_flight_seconds"] = liveRow?["in_flight_seconds"]?.DeepClone(),
                ["last_event_id"] = last,
                ["backlog_count"] = liveRow?.Value<int?>("backlog_count") ?? saved?.Backlog.Count ?? 0,
                ["backlog_oldest_expiry"] = liveRow?.Value<string>("backlog_oldest_expiry")
                    ?? saved?.Backlog.OldestExpiry?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["lag_events"] = head is { } h && last is { } l ? Math.Max(0, h.Id - l) : null,
                ["lag_seconds"] = head?.CreatedAt is { } headAt && lastAt is not null
                    ? Math.Round(Math.Max(0, (headAt - DateTimeOffset.Parse(lastAt, CultureInfo.InvariantCulture)).TotalSeconds), 1)
                    : null,
                // Written by the running daemon: what registerCallbacks chose, and what the scopes skipped.
                ["log_level"] = liveRow?["log_level"]?.DeepClone(),
                ["callback_scopes"] = liveRow?["callback_scopes"]?.DeepClone(),
                ["skipped"] = liveRow?["skipped"]?.DeepClone(),
            });
        }

        return new JObject
        {
            ["config"] = settings.ConfigPath,
            ["state_file"] = stateFile.Path,
            ["daemon_running"] = running,
            ["daemon_pid"] = running ? report!.Value<int?>("pid") : null,
            ["status_written_at"] = running ? report!.Value<string>("written_at") : null,
            ["site"] = siteText,
            ["site_latest_event_id"] = head?.Id,
            ["event_scope"] = SettingsMapping.ToScope(settings.Daemon).Describe(),
            ["plugins"] = rows,
        };
    }

    private static void Print(JObject summary, DaemonSettings settings, TextWriter output)
    {
        var stateFile = summary.Value<string>("state_file")!;
        var running = summary.Value<bool>("daemon_running");
        var siteText = summary.Value<string>("site");
        var head = summary.Value<long?>("site_latest_event_id");
        var rows = (JArray)summary["plugins"]!;
        output.WriteLine($"State file: {stateFile}{(File.Exists(stateFile) ? string.Empty : " (none yet: first start)")}");
        var site = siteText ?? (settings.Shotgun.IsEmbedded ? "embedded (runs inside the daemon)" : "-");
        var newest = head?.ToString(CultureInfo.InvariantCulture) ?? (siteText is null ? "-" : "unknown (site not reachable)");
        output.WriteLine($"Daemon: {(running ? $"running (pid {summary.Value<int>("daemon_pid")})" : "not running")}; site: {site}; newest event: {newest}");
        if (summary.Value<string>("event_scope") is { } scope)
        {
            output.WriteLine($"Event scope (every plugin): {scope}");
        }

        output.WriteLine($"{"COLLECTION",-16} {"PLUGIN",-28} {"ACTIVE",-7} {"LAST ID",10} {"BACKLOG",8} {"LAG IDS",8} {"LAG S",8}  REASON");
        foreach (var row in rows.OfType<JObject>())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Value<string>("collection"),-16} {row.Value<string>("plugin"),-28} {Text(row["active"]),-7} {Text(row["last_event_id"]),10} {Text(row["backlog_count"]),8} {Text(row["lag_events"]),8} {Text(row["lag_seconds"]),8}  {row.Value<string>("reason")}{Delivery(row)}"));
            if (Details(row) is { } details)
            {
                output.WriteLine($"{string.Empty,-16} {details}");
            }
        }

        if (rows.Count == 0)
        {
            output.WriteLine("(no plugins: none in [plugins] paths and none in the state file)");
        }
    }

    /// <summary>What a running plugin is doing, when it is not simply at the head.</summary>
    private static string Delivery(JObject row)
    {
        var inFlight = row.Value<long?>("in_flight_event") is { } id
            ? string.Create(CultureInfo.InvariantCulture, $" on event {id} for {row.Value<double?>("in_flight_seconds") ?? 0:0.#} s")
            : string.Empty;
        var stuck = row.Value<bool>("stuck") ? $" (a callback is stuck{inFlight})" : string.Empty;
        var detached = row.Value<string>("mode") is "detached" or "joining" ? " (let go by the head: reading its own way forward)" : string.Empty;
        return stuck + detached;
    }

    /// <summary>Every (collection, plugin) that the state file, the running daemon or the plugin directories know.</summary>
    private static List<(string Collection, string Plugin)> KnownPlugins(DaemonSettings settings, DaemonState? state, IReadOnlyList<JObject> live)
    {
        var found = new List<(string, string)>();
        void Add(string collection, string plugin)
        {
            if (!found.Contains((collection, plugin)))
            {
                found.Add((collection, plugin));
            }
        }

        foreach (var path in settings.Plugins.Paths)
        {
            var files = Directory.Exists(path.FullPath) ? Directory.EnumerateFiles(path.FullPath, "*.csx") : [];
            var owns = settings.Shards.Owns(path.Configured);
            foreach (var file in files.Where(f => !Path.GetFileName(f).StartsWith('.') && (owns is null || owns(Path.GetFileNameWithoutExtension(f))))
                         .Order(StringComparer.Ordinal))
            {
                Add(path.Configured, Path.GetFileNameWithoutExtension(file));
            }
        }

        foreach (var row in live)
        {
            var directory = row.Value<string>("collection");
            var configured = settings.Plugins.Paths.FirstOrDefault(p => p.FullPath == directory)?.Configured ?? directory;
            if (configured is not null && row.Value<string>("plugin") is { } plugin)
            {
                Add(configured, plugin);
            }
        }

        foreach (var collection in state?.CollectionPaths ?? [])
        {
            foreach (var (plugin, _) in state!.Plugins(collection))
            {
                Add(collection, plugin);
            }
        }

        return found;
    }

    /// <summary>The plugin's log level, callback scopes and skip counts in words; null when it has none of them.</summary>
    private static string? Details(JObject row)
    {
        var parts = new List<string>(3);
        if (row.Value<string>("log_level") is { } level)
        {
            parts.Add($"log level {level}");
        }

        if (row["callback_scopes"] is JObject { Count: > 0 } scopes)
        {
            parts.Add("scopes: " + string.Join("; ", scopes.Properties().Select(p => $"{p.Name} {p.Value}")));
        }

        if (row["skipped"] is JObject skipped && skipped.Properties().Where(p => p.Value.Type == JTokenType.Integer && p.Value.Value<long>() > 0).ToArray() is { Length: > 0 } counts)
        {
            parts.Add("skipped: " + string.Join(", ", counts.Select(p => $"{p.Value} {p.Name}")));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static JObject? ReadReport(string path)
    {
        try
        {
            // Dates stay the text the daemon wrote (ISO 8601), not DateTime values printed in the local culture.
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(File.ReadAllText(path)))
            {
                DateParseHandling = Newtonsoft.Json.DateParseHandling.None,
            };
            return JObject.Load(reader);
        }
        catch (Exception ex) when (ex is IOException or Newtonsoft.Json.JsonException)
        {
            // Replaced atomically, so a bad one is left over from a crash: treat it as no running daemon.
            return null;
        }
    }

    private static string Text(JToken? token) => token is null || token.Type == JTokenType.Null
        ? "-"
        : token.Type == JTokenType.Float ? token.Value<double>().ToString("0", CultureInfo.InvariantCulture)
        : token.Type == JTokenType.Boolean ? (token.Value<bool>() ? "yes" : "no")
        : token.ToString();

    private static async Task<(long Id, DateTimeOffset? CreatedAt)?> ReadHeadAsync(Uri site, DaemonSettings settings)
    {
        // The embedded demo site always knows the demo pipeline script, whatever key the daemon made up for itself.
        var credentials = settings.Shotgun.IsEmbedded && string.IsNullOrEmpty(settings.Shotgun.ScriptKey)
            ? ShotgunCredentials.Script(DemoCredentials.ScriptName, DemoCredentials.ScriptKey)
            : ShotgunCredentials.Script(settings.Shotgun.ScriptName ?? string.Empty, settings.Shotgun.ScriptKey ?? string.Empty);
        try
        {
            using var pool = new ShotgunConnectionPool(new ShotgunClientOptions
            {
                Site = site.ToString(),
                Timeout = TimeSpan.FromSeconds(10),
                MaxRetries = 0,
                Proxy = settings.Shotgun.ProxyServer,
            });
            using var client = pool.Connect(credentials);
            var newest = await client.FindOneAsync("EventLogEntry", Filter.All(), ["id", "created_at"],
                new FindOptions { Order = [SortOrder.Desc("id")] }).ConfigureAwait(false);
            return newest is null ? (0, null) : (newest.Id, newest.Get<DateTimeOffset?>("created_at"));
        }
        catch (Exception ex) when (ex is ShotgunError or HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }
}
