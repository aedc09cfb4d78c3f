using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>reload</c>: ask the running daemon to reload every plugin (what SIGHUP does).</summary>
[Verb("reload", HelpText = "Ask the running daemon to recompile and reload every plugin (SIGHUP without a signal; works on Windows).")]
internal sealed class ReloadOptions : ConfigOptions
{
    /// <summary>How long to wait for the daemon's answer.</summary>
    [Option("timeout", Default = 120, HelpText = "Seconds to wait for the daemon's answer.")]
    public int TimeoutSeconds { get; set; } = 120;
}
