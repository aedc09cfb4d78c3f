using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// <c>GET /api/status</c>: the fields of <c>status --json</c>, live from the running engine, plus the status page's
/// extras (recent callback durations, last error, queue length). Lag is measured against the newest event the daemon
/// has read from the site.
/// </summary>
internal static class StatusSnapshot
{
    public static JObject Build(HttpSurface surface)
    {
        var newest = surface.Source.Newest;
        var rows = new JArray();
        foreach (var worker in surface.Engine.Workers)
        {
            var row = StatusReport.PluginRow(worker);
            var last = worker.LastEventId;
            var (seconds, lastError) = surface.History.For(worker.Plugin.Name);
            row["lag_events"] = newest is not null && last is { } l ? Math.Max(0, newest.Id - l) : null;
            row["lag_seconds"] = LagSeconds(newest?.CreatedAt, worker.LastHandledCreatedAt);
            row["queue_length"] = worker.QueueLength;
            row["last_error"] = worker.InactiveReason is { } reason && !worker.IsActive ? reason : lastError;
            row["callback_seconds"] = new JArray(seconds.Select(s => Math.Round(s, 6)));
            row.Merge(PluginStatusFields.For(worker.Plugin));
            rows.Add(row);
        }

        return new JObject
        {
            ["config"] = surface.Settings.ConfigPath,
            ["state_file"] = surface.Settings.Daemon.EventIdFile,
            ["daemon_running"] = true,
            ["daemon_pid"] = Environment.ProcessId,
            ["status_written_at"] = surface.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["site"] = surface.SiteUri?.ToString(),
            ["site_latest_event_id"] = newest?.Id,
            ["event_scope"] = SettingsMapping.ToScope(surface.Settings.Daemon).Describe(),
            ["plugins"] = rows,
        };
    }

    /// <summary>Seconds between the newest event read and the plugin's last handled one; null when either is unknown.</summary>
    public static double? LagSeconds(DateTimeOffset? newest, DateTimeOffset? handled) =>
        newest is { } n && handled is { } h ? Math.Round(Math.Max(0, (n - h).TotalSeconds), 1) : null;
}
