using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>init</c>: write a commented daemon.ini and a scripts/ folder with one plugin.</summary>
[Verb("init", HelpText = "Write a commented daemon.ini (the embedded demo site) and scripts/ with one plugin into a folder, ready to run.")]
internal sealed class InitOptions
{
    /// <summary>The folder to write into; default the working directory.</summary>
    [Option('d', "dir", HelpText = "Folder to write into (default: the current folder).")]
    public string? Directory { get; set; }

    /// <summary>Overwrite files that exist.</summary>
    [Option("force", HelpText = "Overwrite daemon.ini and the sample plugin if they exist.")]
    public bool Force { get; set; }
}
