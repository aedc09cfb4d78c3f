using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>check</c>: validate the configuration and compile every plugin.</summary>
[Verb("check", HelpText = "Check the configuration and compile every plugin; exit 0 only when all is well.")]
internal sealed class CheckOptions : ConfigOptions
{
    /// <summary>Plugin files or directories to check instead of the configured collections.</summary>
    [Value(0, MetaName = "paths", HelpText = "Plugin files or directories to check (default: every configured collection).")]
    public IEnumerable<string> Paths { get; set; } = [];
}
