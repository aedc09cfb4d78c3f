using NLog;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary><c>--reset-state</c>: the explicit way out of a corrupt state file. The old file is kept as <c>.bak</c>.</summary>
internal static class StateReset
{
    public static void Reset(string stateFile, Logger log)
    {
        if (!File.Exists(stateFile))
        {
            return;
        }

        var backup = stateFile + ".bak";
        File.Move(stateFile, backup, overwrite: true);
        log.Warn("--reset-state: moved {0} to {1}; every plugin starts as on a first run.", stateFile, backup);
    }
}
