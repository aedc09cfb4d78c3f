using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Daemon.Events.Polling;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// The running daemon's view of its plugins (active or not and why, how each gets its events, position, backlog, lag
/// behind the site's newest event), written beside the state file so <c>shotgun-events status</c> can show it from
/// another process, and served live by <c>GET /api/status</c>.
/// </summary>
internal static class StatusReport
{
    /// <summary>The time format of the report: UTC, to the second.</summary>
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>The status file that belongs to a state file.</summary>
    public static string PathFor(string stateFile) => stateFile + ".status.json";

    /// <summary>One plugin's line of the report.</summary>
    public static JObject PluginRow(PluginDelivery delivery, SiteHead? site, TimeProvider time)
    {
        var progress = delivery.Progress;
        var state = progress.State;
        var plugin = delivery.Plugin;
        var call = plugin.InFlight;
        var last = state.LastEventId;
        var row = new JObject
        {
            ["collection"] = plugin.CollectionDirectory,
            ["plugin"] = plugin.Name,
            ["active"] = plugin.IsActive,
            ["reason"] = plugin.InactiveReason,
            ["stuck"] = plugin.IsStuck,
            ["mode"] = ModeName(delivery.ReportedMode),
            ["mode_seconds"] = Math.Round(time.GetElapsedTime(delivery.ModeSince).TotalSeconds, 1),
            ["in_flight_event"] = call?.EventId,
            ["in_flight_callback"] = call?.Callback,
            ["in_flight_seconds"] = call is null ? null : Math.Round(time.GetElapsedTime(call.StartedAt).TotalSeconds, 1),
            ["last_event_id"] = last,
            ["last_event_created_at"] = Time(progress.LastCreatedAt),
            ["backlog_count"] = state.Backlog.Count,
            ["backlog_oldest_expiry"] = Time(state.Backlog.OldestExpiry),
            ["handled_since_start"] = progress.Handled,
            ["lag_events"] = site is not null && last is { } l ? Math.Max(0, site.Id - l) : null,
            ["lag_seconds"] = LagSeconds(site?.CreatedAt, progress.LastCreatedAt),
        };
        row.Merge(PluginStatusFields.For(plugin));
        return row;
    }

    /// <summary>The whole report: who wrote it, when, against which site, and every plugin.</summary>
    public static JObject Build(IReadOnlyList<PluginDelivery> deliveries, SiteHead? site, Uri? siteUri, TimeProvider time) => new()
    {
        ["pid"] = Environment.ProcessId,
        ["written_at"] = time.GetUtcNow().ToString(TimeFormat, CultureInfo.InvariantCulture),
        ["site"] = siteUri?.ToString(),
        ["site_latest_event_id"] = site?.Id,
        ["plugins"] = new JArray(deliveries.Select(d => PluginRow(d, site, time))),
    };

    /// <summary>Seconds between the site's newest event and the plugin's last handled one; null when either is unknown.</summary>
    public static double? LagSeconds(DateTimeOffset? newest, DateTimeOffset? handled) =>
        newest is { } n && handled is { } h ? Math.Round(Math.Max(0, (n - h).TotalSeconds), 1) : null;

    /// <summary>The word status and metrics use for a mode.</summary>
    public static string ModeName(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Attached => "at_head",
        DeliveryMode.Detached => "detached",
        DeliveryMode.Joining => "joining",
        DeliveryMode.Inactive => "inactive",
        _ => "serial",
    };

    private static string? Time(DateTimeOffset? time) => time?.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
