using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>run</c>: the daemon in the foreground (the default verb).</summary>
[Verb("run", isDefault: true, aliases: ["foreground"], HelpText = "Run the daemon in the foreground (default). Alias: foreground.")]
internal sealed class RunOptions : ConfigOptions
{
    /// <summary>Callbacks get a connection whose writes are logged, not sent.</summary>
    [Option("dry-run", HelpText = "Plugins' writes (create/update/delete/revive/batch) are logged, not sent; reads go through.")]
    public bool DryRun { get; set; }

    /// <summary>This daemon's shard, K/N: it runs that share of the plugins, with its own state file.</summary>
    [Option("shard", HelpText = "Run shard K of N (K/N): that share of the plugins, with its own state file (overrides [daemon] shard).")]
    public string? Shard { get; set; }

    /// <summary>Start over from the configured start position, discarding the state file.</summary>
    [Option("reset-state", HelpText = "Discard the state file (after keeping a .bak copy) and start as on a first run.")]
    public bool ResetState { get; set; }
}
