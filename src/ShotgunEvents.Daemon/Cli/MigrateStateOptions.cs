using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>migrate-state</c>: import the upstream daemon's state file.</summary>
[Verb("migrate-state", HelpText = "Import an upstream shotgunEventDaemon.id (pickle or plain integer) into the state file.")]
internal sealed class MigrateStateOptions : ConfigOptions
{
    /// <summary>The upstream file.</summary>
    [Value(0, MetaName = "FILE", Required = true, HelpText = "The upstream shotgunEventDaemon.id file.")]
    public string File { get; set; } = string.Empty;

    /// <summary>Overwrite an existing state file.</summary>
    [Option("force", HelpText = "Overwrite an existing state file.")]
    public bool Force { get; set; }
}
