using ShotgunEvents.Tests.Daemon.Cli.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>
/// A temporary folder for one packaging test: its own build artifacts (<c>--artifacts-path</c>, so the repository's
/// bin/ and obj/ are never touched by these builds), its outputs, and a working folder for the product. Removed on dispose.
/// </summary>
internal sealed class PackagingSandbox : IDisposable
{
    public PackagingSandbox()
    {
        Root = Directory.CreateTempSubdirectory("sge-packaging-").FullName;
        Directory.CreateDirectory(Work);
    }

    public string Root { get; }

    public string Artifacts => System.IO.Path.Combine(Root, "artifacts");

    public string Work => System.IO.Path.Combine(Root, "work");

    public static string DaemonProject => System.IO.Path.Combine(CliSandbox.RepositoryRoot, "src", "ShotgunEvents.Daemon", "ShotgunEvents.Daemon.csproj");

    /// <summary>A build step takes minutes on a loaded two-core machine: a generous limit, still a limit.</summary>
    public static TimeSpan BuildTimeout { get; } = TimeSpan.FromMinutes(25);

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Runs <c>dotnet VERB project ARGS --artifacts-path ...</c> from the repository root; fails the test with its output.</summary>
    public async Task<string> DotnetAsync(string verb, params string[] args)
    {
        var (code, output) = await ExternalProcess.RunAsync(ExternalProcess.Dotnet, CliSandbox.RepositoryRoot,
            [verb, DaemonProject, .. args, "--artifacts-path", Artifacts, "-nologo"], BuildTimeout);
        Assert.True(code == 0, $"dotnet {verb} exited {code}:\n{output}");
        return output;
    }

    /// <summary>Runs the product's command (installed tool, unpacked binary) to its end.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string command, params string[] args) =>
        await ExternalProcess.RunAsync(command, Work, args, TimeSpan.FromMinutes(5));

    /// <summary>
    /// <c>run</c> with the product's command in the work folder until a plugin logs a line, then SIGTERM: exit 0 and the
    /// state written.
    /// </summary>
    public async Task RunUntilAPluginLogsAsync(string command)
    {
        using var daemon = ExternalProcess.Start(command, Work, ["run"]);
        await daemon.WaitForLineAsync(l => l.Contains("INFO     plugin.", StringComparison.Ordinal), "a plugin's log line", TimeSpan.FromMinutes(5));
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Stopped; state written", daemon.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(System.IO.Path.Combine(Work, "state", "shotgun-events.state.json")), daemon.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may hold a file a moment longer; the temp folder is cleaned later.
        }
    }
}
