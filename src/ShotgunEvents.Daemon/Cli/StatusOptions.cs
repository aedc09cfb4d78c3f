using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>status</c>: per plugin, active or not, last event, backlog and lag.</summary>
[Verb("status", HelpText = "Show each plugin's state: active, last event id, backlog, lag behind the site.")]
internal sealed class StatusOptions : ConfigOptions
{
    /// <summary>Print JSON instead of a table.</summary>
    [Option("json", HelpText = "Print JSON for machines.")]
    public bool Json { get; set; }
}
