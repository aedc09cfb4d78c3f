using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>replay</c>: run one plugin over chosen past events, without touching the state file.</summary>
[Verb("replay", HelpText = "Run one plugin on chosen past events now, without touching the state file.")]
internal sealed class ReplayOptions : ConfigOptions
{
    /// <summary>The plugin name (file stem).</summary>
    [Option('p', "plugin", Required = true, HelpText = "Plugin name (its file name without .csx).")]
    public string Plugin { get; set; } = string.Empty;

    /// <summary>The first event id.</summary>
    [Option('e', "event", Required = true, HelpText = "Event id to replay (the first one with --to).")]
    public int Event { get; set; }

    /// <summary>The last event id, inclusive.</summary>
    [Option("to", HelpText = "Last event id to replay, inclusive.")]
    public int? To { get; set; }

    /// <summary>Log writes instead of sending them.</summary>
    [Option("dry-run", HelpText = "The plugin's writes are logged, not sent.")]
    public bool DryRun { get; set; }
}
