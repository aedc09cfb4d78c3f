using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>The option every verb that reads the configuration shares.</summary>
internal abstract class ConfigOptions
{
    /// <summary>The configuration file; else SHOTGUN_EVENTS_CONFIG, ./daemon.ini, /etc/shotgun-events/daemon.ini.</summary>
    [Option('c', "config", HelpText = "Configuration file (default: $SHOTGUN_EVENTS_CONFIG, ./daemon.ini, /etc/shotgun-events/daemon.ini).")]
    public string? Config { get; set; }
}
