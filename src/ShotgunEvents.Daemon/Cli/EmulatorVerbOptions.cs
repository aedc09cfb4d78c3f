using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>emulator</c>: serve a local site for plugin development.</summary>
[Verb("emulator", HelpText = "Serve a local emulated site on 127.0.0.1 for plugin development.")]
internal sealed class EmulatorVerbOptions
{
    /// <summary>The port; 0 picks a free one.</summary>
    [Option("port", Default = 8787, HelpText = "Port on 127.0.0.1 (0 picks a free one).")]
    public int Port { get; set; }

    /// <summary>demo, empty, or a snapshot file to start from.</summary>
    [Option("seed", Default = "demo", HelpText = "demo, empty, or a snapshot FILE to start from.")]
    public string Seed { get; set; } = "demo";

    /// <summary>Where the site's data is saved on stop (and loaded from on start).</summary>
    [Option("snapshot", HelpText = "Save the site to this JSON file on stop, and load it on start if it exists.")]
    public string? Snapshot { get; set; }

    /// <summary>Script users as NAME:KEY.</summary>
    [Option("script", Separator = ',', HelpText = "Script user NAME:KEY (repeatable or comma-separated). Without one, a key is made up and printed.")]
    public IEnumerable<string> Scripts { get; set; } = [];

    /// <summary>Run the demo activity generator.</summary>
    [Option("activity", HelpText = "Generate demo activity (a few changes a second).")]
    public bool Activity { get; set; }

    /// <summary>A webhook as URL[,secret].</summary>
    [Option("webhook", HelpText = "Send every event to this webhook, as a site does: URL[,secret] (the secret signs X-SG-SIGNATURE).")]
    public string? Webhook { get; set; }

    /// <summary>Deliver the webhook in the batched format.</summary>
    [Option("webhook-batched", HelpText = "Deliver the --webhook in the batched format (up to 50 events a POST).")]
    public bool WebhookBatched { get; set; }
}
