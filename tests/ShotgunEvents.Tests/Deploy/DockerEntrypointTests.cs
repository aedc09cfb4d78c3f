using System.Text.RegularExpressions;
using ShotgunEvents.Tests.Daemon.Cli.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>
/// The image's entry point run as a process, without a container engine: ENTRYPOINT + CMD and ENV of the Dockerfile,
/// with the image's default config and demo plugins laid out in a folder that stands for the image's root (the paths the
/// image uses, mapped into it; the listener on port 0 as every test's). Its HEALTHCHECK command is run as the engine
/// would, and its STOPSIGNAL sent.
/// </summary>
public sealed partial class DockerEntrypointTests : IDisposable
{
    private static readonly string Repository = CliSandbox.RepositoryRoot;
    private readonly string _root = Directory.CreateTempSubdirectory("sge-image-").FullName;

    [Fact]
    public async Task Entrypoint_ImageDefaults_RunsTheDemoHealthyWritesOnlyItsVolumesAndStopsOnItsStopSignal()
    {
        var image = Dockerfile.Parse(File.ReadAllText(Path.Combine(Repository, "examples", "deploy", "Dockerfile")));
        var environment = image.Environment().ToDictionary(p => p.Key, p => Map(p.Value));
        var configPath = environment["SHOTGUN_EVENTS_CONFIG"];
        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        // What the image's COPY lines put there, with the image's paths mapped into this root.
        var config = File.ReadAllText(Path.Combine(Repository, "examples", "deploy", "docker", "daemon.ini"));
        File.WriteAllText(configPath, AbsolutePath().Replace(config, m => Map(m.Value)).Replace("listen = 0.0.0.0:9810", "listen = 127.0.0.1:0", StringComparison.Ordinal));
        var scripts = Map("/etc/shotgun-events/scripts");
        Directory.CreateDirectory(scripts);
        foreach (var plugin in Directory.GetFiles(Path.Combine(Repository, "scripts"), "*.csx"))
        {
            File.Copy(plugin, Path.Combine(scripts, Path.GetFileName(plugin)));
        }

        foreach (var volume in Dockerfile.ExecForm(image.FinalStage.Single(i => i.Keyword == "VOLUME").Arguments)!)
        {
            Directory.CreateDirectory(Map(volume));
        }

        var before = Snapshot(Map("/etc"));
        var argv = Dockerfile.ExecForm(image.FinalStage.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!
            .Concat(Dockerfile.ExecForm(image.FinalStage.Single(i => i.Keyword == "CMD").Arguments)!).ToList();
        Assert.Equal(["dotnet", "/app/ShotgunEvents.Daemon.dll", "run"], argv);

        using var daemon = Start(argv, environment);
        var listening = await daemon.WaitForLineAsync(l => l.Contains("HTTP listener on ", StringComparison.Ordinal), "the HTTP listener", TimeSpan.FromMinutes(3));
        var address = ListenerAddress().Match(listening).Groups[1].Value;
        await daemon.WaitForLineAsync(l => l.Contains("INFO     plugin.", StringComparison.Ordinal), "a demo plugin's line", TimeSpan.FromMinutes(2));

        var check = image.FinalStage.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        var checkArgv = Dockerfile.ExecForm(check[(check.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!;
        Assert.Equal(["dotnet", "/app/ShotgunEvents.Daemon.dll", "healthcheck"], checkArgv);
        // The image's listener has a fixed port the check reads from the config; this one's is only known once bound.
        var (healthy, healthOutput) = await Run(checkArgv.Append("--url").Append(address), environment);
        Assert.True(healthy == 0, healthOutput);
        Assert.Contains("/healthz: 200", healthOutput, StringComparison.Ordinal);

        Assert.Equal("SIGTERM", image.FinalStage.Single(i => i.Keyword == "STOPSIGNAL").Arguments);
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Stopped; state written", daemon.Output, StringComparison.Ordinal);

        Assert.True(File.Exists(Map("/var/lib/shotgun-events/shotgun-events.state.json")));
        Assert.True(File.Exists(Map("/var/lib/shotgun-events/embedded-site.json")), "the demo site is kept on the state volume");
        Assert.True(File.Exists(Map("/var/log/shotgun-events/shotgun-events.log")));
        Assert.Equal(before, Snapshot(Map("/etc"))); // the config and plugins are read-only in the image: nothing was written there
        var (unhealthy, _) = await Run(checkArgv.Append("--url").Append(address), environment);
        Assert.Equal(1, unhealthy);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may hold a file a moment longer.
        }
    }

    private string Map(string imagePath) =>
        imagePath.StartsWith('/') && !imagePath.StartsWith("/app/", StringComparison.Ordinal) ? Path.Combine(_root, imagePath.TrimStart('/')) : imagePath;

    /// <summary>The image's program, as this test's build holds it: dotnet and /app are the test's own.</summary>
    private static IEnumerable<string> Program(IEnumerable<string> argv) => argv.Select(a =>
        a == "/app/ShotgunEvents.Daemon.dll" ? CommandProcess.DaemonDll : a);

    private ExternalProcess Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment)
    {
        Assert.Equal("dotnet", argv[0]);
        return ExternalProcess.Start(ExternalProcess.Dotnet, Map("/var/lib/shotgun-events"), Program(argv.Skip(1)), environment);
    }

    private async Task<(int, string)> Run(IEnumerable<string> argv, IReadOnlyDictionary<string, string> environment) =>
        await ExternalProcess.RunAsync(ExternalProcess.Dotnet, Map("/var/lib/shotgun-events"), Program(argv.Skip(1)), TimeSpan.FromMinutes(2), environment);

    private static string Snapshot(string directory) => string.Join('\n', Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}"));

    [GeneratedRegex(@"(?<![\w.])/(?:var|etc)/[\w./-]+")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"HTTP listener on (http://[^ ]+) ")]
    private static partial Regex ListenerAddress();
}
