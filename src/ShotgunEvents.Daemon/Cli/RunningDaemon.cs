using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>The daemon running on a state file, as another command (reload, replay) sees it from outside.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="Site">The site it reads (its embedded site's address, for <c>server = embedded</c>), when it said.</param>
internal sealed record RunningDaemon(int Pid, string? Site)
{
    /// <summary>The live daemon whose status file sits beside <paramref name="stateFile"/>, or null.</summary>
    public static RunningDaemon? On(string stateFile)
    {
        try
        {
            var path = StatusReport.PathFor(Path.GetFullPath(stateFile));
            if (!File.Exists(path))
            {
                return null;
            }

            var report = JObject.Parse(File.ReadAllText(path));
            return report.Value<int?>("pid") is { } pid && pid != Environment.ProcessId && PidFile.IsAlive(pid)
                ? new RunningDaemon(pid, report.Value<string>("site"))
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
