using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>status</c>: per collection and plugin, active or not (and why), last event, backlog, lag behind the site.
/// Reads the state file, the running daemon's status file, and asks the site for its newest event.
/// </summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(StatusOptions options, TextWriter output)
    {
        var settings = SettingsLoader.Load(options.Config);
        var stateFile = new StateFile(settings.Daemon.EventIdFile);
        var state = stateFile.Load();
        var statusPath = StatusReport.PathFor(stateFile.Path);
        var report = File.Exists(statusPath) ? JObject.Parse(await File.ReadAllTextAsync(statusPath).ConfigureAwait(false)) : null;
        var running = report?.Value<int?>("pid") is { } pid && IsAlive(pid);
        var siteText = report?.Value<string>("site") ?? settings.Shotgun.Url?.ToString();
        var head = siteText is null || (settings.Shotgun.IsEmbedded && !running)
            ? null
            : await ReadHeadAsync(new Uri(siteText), settings).ConfigureAwait(false);

        var rows = new JArray();
        foreach (var collection in state?.CollectionPaths ?? [])
        {
            foreach (var (plugin, pluginState) in state!.Plugins(collection))
            {
                var live = report?["plugins"]?.OfType<JObject>().FirstOrDefault(p => p.Value<string>("plugin") == plugin);
                var last = pluginState.LastEventId;
                var lastAt = live?.Value<string>("last_event_created_at");
                rows.Add(new JObject
                {
                    ["collection"] = collection,
                    ["plugin"] = plugin,
                    ["active"] = running ? live?.Value<bool?>("active") : null,
                    ["reason"] = running ? live?.Value<string>("reason") ?? (live is null ? "not loaded" : null) : "daemon not running",
                    ["last_event_id"] = last,
                    ["backlog_count"] = pluginState.Backlog.Count,
                    ["backlog_oldest_expiry"] = pluginState.Backlog.OldestExpiry?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    ["lag_events"] = head is { } h && last is { } l ? Math.Max(0, h.Id - l) : null,
                    ["lag_seconds"] = head?.CreatedAt is { } headAt && lastAt is not null
                        ? Math.Max(0, (headAt - DateTimeOffset.Parse(lastAt, CultureInfo.InvariantCulture)).TotalSeconds)
                        : null,
                });
            }
        }

        var summary = new JObject
        {
            ["state_file"] = stateFile.Path,
            ["daemon_running"] = running,
            ["site"] = siteText,
            ["site_latest_event_id"] = head?.Id,
            ["plugins"] = rows,
        };
        if (options.Json)
        {
            output.WriteLine(summary.ToString());
            return ExitCodes.Ok;
        }

        output.WriteLine($"State file: {stateFile.Path}{(state is null ? " (none yet: first start)" : string.Empty)}");
        output.WriteLine($"Daemon: {(running ? "running" : "not running")}; site: {siteText ?? "-"}; newest event: {head?.Id.ToString(CultureInfo.InvariantCulture) ?? "unknown"}");
        output.WriteLine($"{"PLUGIN",-28} {"ACTIVE",-7} {"LAST ID",10} {"BACKLOG",8} {"LAG IDS",8} {"LAG S",8}  REASON");
        foreach (var row in rows.OfType<JObject>())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Value<string>("plugin"),-28} {Text(row["active"]),-7} {Text(row["last_event_id"]),10} {Text(row["backlog_count"]),8} {Text(row["lag_events"]),8} {Text(row["lag_seconds"]),8}  {row.Value<string>("reason")}"));
        }

        return ExitCodes.Ok;
    }

    private static string Text(JToken? token) => token is null || token.Type == JTokenType.Null
        ? "-"
        : token.Type == JTokenType.Float ? token.Value<double>().ToString("0", CultureInfo.InvariantCulture) : token.ToString();

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<(long Id, DateTimeOffset? CreatedAt)?> ReadHeadAsync(Uri site, Config.DaemonSettings settings)
    {
        try
        {
            using var pool = new ShotgunConnectionPool(new ShotgunClientOptions
            {
                Site = site.ToString(),
                Timeout = TimeSpan.FromSeconds(10),
                MaxRetries = 0,
                Proxy = settings.Shotgun.ProxyServer,
            });
            using var client = pool.Connect(ShotgunCredentials.Script(settings.Shotgun.ScriptName ?? string.Empty, settings.Shotgun.ScriptKey ?? string.Empty));
            var newest = await client.FindOneAsync("EventLogEntry", Filter.All(), ["id", "created_at"],
                new FindOptions { Order = [SortOrder.Desc("id")] }).ConfigureAwait(false);
            return newest is null ? (0, null) : (newest.Id, newest.Get<DateTimeOffset?>("created_at"));
        }
        catch (Exception ex) when (ex is ShotgunError or HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
