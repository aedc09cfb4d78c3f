using System.Globalization;
using System.Text;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>A <c>daemon.ini</c> for a benchmark run: the same file format and loader as <c>shotgun-events run</c>.</summary>
internal sealed record DaemonIni
{
    public required string Directory { get; init; }

    public required string PluginsDirectory { get; init; }

    public required BenchSite Site { get; init; }

    public string? CompileCacheDirectory { get; init; }

    public TimeSpan FetchInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public int BatchSize { get; init; } = 500;

    /// <summary><c>start_from</c>: <c>latest</c> or an event id.</summary>
    public string StartFrom { get; init; } = "latest";

    /// <summary><c>state_checkpoint</c>: <c>batch</c> or a number of seconds.</summary>
    public string StateCheckpoint { get; init; } = "batch";

    public string Logging { get; init; } = "WARNING";

    /// <summary><c>max_parallel_reads</c>; null leaves the daemon's default.</summary>
    public int? MaxParallelReads { get; init; }

    /// <summary><c>[http] listen</c>; null leaves the listener off.</summary>
    public string? HttpListen { get; init; }

    /// <summary><c>[http] webhook_secret</c>.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>Writes the file into <see cref="Directory"/> and returns its path.</summary>
    public string Write()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var text = new StringBuilder()
            .AppendLine("[daemon]")
            .AppendLine(CultureInfo.InvariantCulture, $"eventIdFile = {Path.Combine(Directory, "state.json")}")
            .AppendLine(CultureInfo.InvariantCulture, $"logPath = {Path.Combine(Directory, "logs")}")
            .AppendLine("logFile = shotgun-events.log")
            .AppendLine("logMode = 0")
            .AppendLine(CultureInfo.InvariantCulture, $"logging = {Logging}")
            .AppendLine(CultureInfo.InvariantCulture, $"fetch_interval = {FetchInterval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}")
            .AppendLine(CultureInfo.InvariantCulture, $"max_event_batch_size = {BatchSize}")
            .AppendLine(MaxParallelReads is { } reads ? string.Create(CultureInfo.InvariantCulture, $"max_parallel_reads = {reads}") : string.Empty)
            .AppendLine(CultureInfo.InvariantCulture, $"start_from = {StartFrom}")
            .AppendLine(CultureInfo.InvariantCulture, $"state_checkpoint = {StateCheckpoint}")
            .AppendLine(CultureInfo.InvariantCulture, $"compile_cache = {CompileCacheDirectory ?? Path.Combine(Directory, "compile-cache")}")
            .AppendLine("shutdown_timeout = 5")
            .AppendLine()
            .AppendLine("[shotgun]")
            .AppendLine(CultureInfo.InvariantCulture, $"server = {Site.BaseUri}")
            .AppendLine(CultureInfo.InvariantCulture, $"name = {BenchSite.ScriptName}")
            .AppendLine(CultureInfo.InvariantCulture, $"key = {Site.ScriptKey}")
            .AppendLine()
            .AppendLine("[plugins]")
            .AppendLine(CultureInfo.InvariantCulture, $"paths = {PluginsDirectory}")
            .AppendLine()
            .AppendLine(HttpListen is null ? string.Empty : "[http]")
            .AppendLine(HttpListen is null ? string.Empty : $"listen = {HttpListen}")
            .AppendLine(HttpListen is null || WebhookSecret is null ? string.Empty : $"webhook_secret = {WebhookSecret}")
            .ToString();
        var path = Path.Combine(Directory, "daemon.ini");
        File.WriteAllText(path, text);
        return path;
    }
}
