using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>new</c>: write a commented plugin skeleton.</summary>
[Verb("new", HelpText = "Write a commented plugin skeleton into the plugin directory.")]
internal sealed class NewPluginOptions : ConfigOptions
{
    /// <summary>The plugin name.</summary>
    [Value(0, MetaName = "NAME", Required = true, HelpText = "Plugin name (letters, digits, _ and -).")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The directory to write to; default the first configured collection.</summary>
    [Option('d', "dir", HelpText = "Directory to write to (default: the first [plugins] path).")]
    public string? Directory { get; set; }
}
