using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>emulator</c>: serve a local site for plugin development.</summary>
[Verb("emulator", HelpText = "Serve a local emulated site on 127.0.0.1 for plugin development.")]
internal sealed class EmulatorVerbOptions
{
    /// <summary>The port; 0 picks a free one.</summary>
    [Option("port", Default = 8787, HelpText = "Port on 127.0.0.1 (0 picks a free one).")]
    public int Port { get; set; }

    /// <summary>demo, empty, or a snapshot file to start from; null for the default (demo, or empty with <see cref="Schema"/>).</summary>
    [Option("seed", HelpText = "demo, empty, or a snapshot FILE to start from (default: demo; empty with --schema).")]
    public string? Seed { get; set; }

    /// <summary>A schema file: a dump-schema file, a saved schema_read JSON, mockgun's schema.pickle, or the compact format.</summary>
    [Option("schema", HelpText = "Serve this schema instead of a fresh site's: a dump-schema FILE, a saved schema_read JSON, mockgun's schema.pickle (schema_entity.pickle read from beside it), or the emulator's compact JSON.")]
    public string? Schema { get; set; }

    /// <summary>Where the site's data is saved on stop (and loaded from on start).</summary>
    [Option("snapshot", HelpText = "Save the site to this JSON file on stop, and load it on start if it exists.")]
    public string? Snapshot { get; set; }

    /// <summary>Script users as NAME:KEY.</summary>
    [Option("script", Separator = ',', HelpText = "Script user NAME:KEY (repeatable or comma-separated). Without one, a key is made up and printed.")]
    public IEnumerable<string> Scripts { get; set; } = [];

    /// <summary>Run the demo activity generator.</summary>
    [Option("activity", HelpText = "Generate demo activity (a few changes a second).")]
    public bool Activity { get; set; }

    /// <summary>Milliseconds every api3 call waits before its answer.</summary>
    [Option("latency", Default = 0, HelpText = "Milliseconds every api3 call waits before its answer, as a hosted site's answer time (concurrent calls wait side by side).")]
    public int LatencyMs { get; set; }

    /// <summary>Up to this many milliseconds added at random to each call's latency.</summary>
    [Option("latency-jitter", Default = 0, HelpText = "Up to this many milliseconds added at random to each call's --latency.")]
    public int LatencyJitterMs { get; set; }

    /// <summary>A webhook as URL[,secret].</summary>
    [Option("webhook", HelpText = "Send every event to this webhook, as a site does: URL[,secret] (the secret signs X-SG-SIGNATURE).")]
    public string? Webhook { get; set; }

    /// <summary>Deliver the webhook in the batched format.</summary>
    [Option("webhook-batched", HelpText = "Deliver the --webhook in the batched format (up to 50 events a POST).")]
    public bool WebhookBatched { get; set; }
}
