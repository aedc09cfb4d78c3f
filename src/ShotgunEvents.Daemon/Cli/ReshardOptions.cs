using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>reshard</c>: move every plugin's saved position to its shard under a new shard count.</summary>
[Verb("reshard", HelpText = "Move every plugin's saved position to the shard that owns it under N shards (daemons stopped). Then start N shards.")]
internal sealed class ReshardOptions : ConfigOptions
{
    /// <summary>The new shard count.</summary>
    [Option("to", Required = true, HelpText = "The new number of shards (1: one daemon runs every plugin).")]
    public int To { get; set; }
}
