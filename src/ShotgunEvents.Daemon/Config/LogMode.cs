namespace ShotgunEvents.Daemon.Config;

/// <summary>Upstream's <c>[daemon] logMode</c>: where log lines go.</summary>
internal enum LogMode
{
    /// <summary><c>0</c>: everything in the main log file.</summary>
    SingleFile = 0,

    /// <summary><c>1</c> (default): the engine's file plus one file per plugin, <c>plugin.&lt;name&gt;</c>.</summary>
    PerPlugin = 1,
}
