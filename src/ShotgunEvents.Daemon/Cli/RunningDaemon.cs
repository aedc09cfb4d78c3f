using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>The daemon running on a state file, as another command (reload, replay, status) sees it from outside.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="Site">The site it reads (its embedded site's address, for <c>server = embedded</c>), when it said.</param>
internal sealed record RunningDaemon(int Pid, string Host, string? Site)
{
    /// <summary>True when it runs on this machine (so its process can be seen and signalled).</summary>
    public bool IsLocal => string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The daemon holding the lock of <paramref name="stateFile"/> (<see cref="StateLock"/>), from the file naming the
    /// holder: a live process on this machine, or any process on another one (a state folder on a share), whose pid
    /// this machine cannot check. Null when none. The lock itself is not touched: a probe of it could make a daemon
    /// starting at that instant fail to take it.
    /// </summary>
    public static RunningDaemon? On(string stateFile)
    {
        try
        {
            var owner = StateLock.OwnerPathFor(stateFile);
            if (!File.Exists(owner))
            {
                return null;
            }

            var parts = File.ReadAllText(owner).Trim().Split(' ', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return null;
            }

            var daemon = new RunningDaemon(pid, parts[1], SiteOf(stateFile));
            return !daemon.IsLocal || (pid != Environment.ProcessId && PidFile.IsAlive(pid)) ? daemon : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? SiteOf(string stateFile)
    {
        try
        {
            var path = StatusReport.PathFor(Path.GetFullPath(stateFile));
            return File.Exists(path) ? JObject.Parse(File.ReadAllText(path)).Value<string>("site") : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
