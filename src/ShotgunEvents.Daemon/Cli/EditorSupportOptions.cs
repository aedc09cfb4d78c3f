using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>editor-support</c>: write the IntelliSense files into plugin directories.</summary>
[Verb("editor-support", HelpText = "Write the editor files (omnisharp.json, .shotgun-events/) into plugin directories, for IntelliSense on this machine.")]
internal sealed class EditorSupportOptions : ConfigOptions
{
    /// <summary>The plugin directories; default the configured collections.</summary>
    [Value(0, MetaName = "DIR", HelpText = "Plugin directories (default: the [plugins] paths of the configuration).")]
    public IEnumerable<string> Directories { get; set; } = [];
}
