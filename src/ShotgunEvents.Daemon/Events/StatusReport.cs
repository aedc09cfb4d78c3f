using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// The running daemon's view of its plugins (active or not and why, position, backlog), written beside the state file
/// with every checkpoint so <c>shotgun-events status</c> can show it from another process.
/// </summary>
internal static class StatusReport
{
    /// <summary>The status file that belongs to a state file.</summary>
    public static string PathFor(string stateFile) => stateFile + ".status.json";

    /// <summary>One plugin's line of the report (also served live by <c>GET /api/status</c>).</summary>
    public static JObject PluginRow(PluginWorker worker)
    {
        var state = worker.Snapshot();
        return new JObject
        {
            ["collection"] = worker.Plugin.CollectionDirectory,
            ["plugin"] = worker.Plugin.Name,
            ["active"] = worker.IsActive,
            ["reason"] = worker.InactiveReason,
            ["stuck"] = worker.Plugin.IsStuck,
            ["last_event_id"] = state.LastEventId,
            ["last_event_created_at"] = worker.LastHandledCreatedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["backlog_count"] = state.Backlog.Count,
            ["backlog_oldest_expiry"] = state.Backlog.OldestExpiry?.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["handled_since_start"] = worker.HandledCount,
        };
    }

    public static void Write(string stateFile, Uri? site, IReadOnlyList<PluginWorker> workers, TimeProvider timeProvider)
    {
        var plugins = new JArray(workers.Select(PluginRow));
        var report = new JObject
        {
            ["pid"] = Environment.ProcessId,
            ["written_at"] = timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["site"] = site?.ToString(),
            ["plugins"] = plugins,
        };
        AtomicFile.Write(PathFor(stateFile), stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(report.ToString());
        });
    }
}
