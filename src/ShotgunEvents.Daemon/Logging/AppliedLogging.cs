using NLog.Config;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>What <see cref="LoggingSetup.Apply"/> put in place.</summary>
/// <param name="Configuration">The live configuration.</param>
/// <param name="ConfigFile">The nlog.config that was loaded, or null for the built-in configuration.</param>
/// <param name="Variables">The paths and levels in use.</param>
internal sealed record AppliedLogging(LoggingConfiguration Configuration, string? ConfigFile, LoggingVariables Variables)
{
    /// <summary>The engine log file.</summary>
    public string EngineLogPath => Path.Combine(Variables.LogDir, Variables.LogFile);
}
