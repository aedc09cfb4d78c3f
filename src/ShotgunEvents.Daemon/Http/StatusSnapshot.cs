using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// <c>GET /api/status</c>: the fields of <c>status --json</c>, live from the running engine (lag against the site's
/// newest event), plus the status page's extras (recent callback durations, last error).
/// </summary>
internal static class StatusSnapshot
{
    public static JObject Build(HttpSurface surface)
    {
        var engine = surface.Engine;
        var report = StatusReport.Build(engine.Registry.Current, engine.Poller?.SiteHead, surface.SiteUri, surface.Time);
        foreach (var row in report["plugins"]!.Children<JObject>())
        {
            var name = row.Value<string>("plugin")!;
            var (seconds, lastError) = surface.History.For(name);
            row["last_error"] = row.Value<bool>("active") ? lastError : row.Value<string>("reason") ?? lastError;
            row["callback_seconds"] = new JArray(seconds.Select(s => Math.Round(s, 6)));
        }

        report["config"] = surface.Settings.ConfigPath;
        report["state_file"] = surface.Settings.Daemon.EventIdFile;
        report["daemon_running"] = true;
        report["daemon_pid"] = Environment.ProcessId;
        report["status_written_at"] = report["written_at"];
        report["event_scope"] = SettingsMapping.ToScope(surface.Settings.Daemon).Describe();
        report.Remove("written_at");
        report.Remove("pid");
        return report;
    }
}
