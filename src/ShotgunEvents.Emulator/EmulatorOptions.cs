using Microsoft.Extensions.Logging;
using ShotgunEvents.Emulator.Webhooks;

namespace ShotgunEvents.Emulator;

/// <summary>How to start an <see cref="EmulatorServer"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The address to listen on: <c>127.0.0.1</c> (default), <c>localhost</c>, <c>::1</c>, or another IP to open it to a network.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks any free port (tests).</summary>
    public int Port { get; init; }

    /// <summary>The site clock: <c>created_at</c>, late-commit delays, hung calls, relative date filters, the activity generator.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Script users (ApiUsers with event logging on) that may call the site; events they cause name them as <c>user</c>.</summary>
    public IReadOnlyList<ScriptCredential> Scripts { get; init; } = [];

    /// <summary>What a site without a snapshot starts with.</summary>
    public EmulatorSeed Seed { get; init; } = EmulatorSeed.Empty;

    /// <summary>A snapshot file: loaded at start when it exists (instead of <see cref="Seed"/>), saved on stop.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>
    /// False to load <see cref="SnapshotPath"/> without saving it on stop: a second process (the daemon's <c>replay</c>)
    /// reads the site a daemon saved and leaves the file to that daemon. True by default.
    /// </summary>
    public bool SaveSnapshotOnStop { get; init; } = true;

    /// <summary>
    /// The folder for uploaded files (attachments and thumbnails). Null keeps them beside <see cref="SnapshotPath"/>
    /// (<c>&lt;snapshot&gt;.files</c>), so a saved site keeps its files; without a snapshot, a temporary folder removed on dispose.
    /// </summary>
    public string? FilesPath { get; init; }

    /// <summary>
    /// A schema file, recognised by content: a <c>dump-schema</c> file, a saved <c>schema_read</c> answer (JSON), the
    /// mockgun pickle pair (<c>schema.pickle</c> with <c>schema_entity.pickle</c> beside it) or the emulator's compact
    /// JSON. Null uses the embedded default schema (a fresh site's).
    /// </summary>
    public string? SchemaPath { get; init; }

    /// <summary>True to run the demo studio's activity: a few realistic changes a second, through the normal write path.</summary>
    public bool ActivityGenerator { get; init; }

    /// <summary>How many activity changes a second (on <see cref="TimeProvider"/>).</summary>
    public double ActivityPerSecond { get; init; } = 3;

    /// <summary>
    /// How long the site takes to answer each api3 call (a hosted site's query time plus the round trip), on
    /// <see cref="TimeProvider"/>. Concurrent calls wait side by side, as on a real site. Zero (default) answers at once.
    /// Changeable while running with <see cref="FaultInjector.SetLatency"/>.
    /// </summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Up to this much is added at random to <see cref="Latency"/> for each call (uniform); zero (default) for none.</summary>
    public TimeSpan LatencyJitter { get; init; }

    /// <summary>
    /// How long an uploaded thumbnail is "processed", on <see cref="TimeProvider"/>: until then its <c>image</c> (or
    /// <c>filmstrip_image</c>) field reads as the site's placeholder URL under <c>/images/status/transient/</c>, and
    /// <c>share_thumbnail</c> from it is refused as not ready, as on a site. Five seconds by default; zero makes
    /// thumbnails final at once.
    /// </summary>
    public TimeSpan ThumbnailProcessing { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Webhooks the site delivers every event-log entry to, signed and shaped as a ShotGrid site sends them.</summary>
    public IReadOnlyList<WebhookRegistration> Webhooks { get; init; } = [];

    /// <summary>Where the server's own log goes; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
