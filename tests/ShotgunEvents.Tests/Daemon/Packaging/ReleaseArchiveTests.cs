using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>The release archive: built by its one command, unpacked elsewhere, and run as it comes.</summary>
[Collection(PackagingCollection.Name)]
public sealed class ReleaseArchiveTests
{
    [PackagingFact]
    public async Task Publish_ReleaseArchive_UnpackedItChecksAndRunsTheDemo()
    {
        using var sandbox = new PackagingSandbox();
        var output = sandbox.Path("release");
        // The documented command; ReadyToRun off only to keep a test build to minutes (the archive's content is the same).
        await sandbox.DotnetAsync("publish", "-c", "Release", "-r", "linux-x64", "-p:ReleaseArchive=true", "-p:PublishReadyToRun=false",
            $"-p:ReleaseArchiveDir={output}");
        var archive = Assert.Single(Directory.GetFiles(output, "*.tar.gz"));
        Assert.Equal("shotgun-events-0.1.0-linux-x64.tar.gz", Path.GetFileName(archive));

        var (untarred, untarOutput) = await ExternalProcess.RunAsync("tar", sandbox.Work, ["-xzf", archive, "--strip-components=1"], TimeSpan.FromMinutes(2));
        Assert.True(untarred == 0, untarOutput);
        foreach (var file in new[] { "shotgun-events", "daemon.ini", "nlog.config", "README.md", "LICENSE", "scripts/log_changes.csx",
                     "examples/version_status_to_shot.csx", "examples/deploy/systemd/shotgun-events.service" })
        {
            Assert.True(File.Exists(Path.Combine(sandbox.Work, file)), $"{file} is in the archive");
        }

        Assert.False(Directory.Exists(Path.Combine(sandbox.Work, "examples", ".shotgun-events")), "no generated editor files");
        Assert.Empty(Directory.GetDirectories(sandbox.Work, "de")); // one language of compiler messages, not thirteen
        var command = Path.Combine(sandbox.Work, "shotgun-events");
        var check = await sandbox.RunAsync(command, "check");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("OK: 3 plugin(s) compiled.", check.Output, StringComparison.Ordinal);

        await sandbox.RunUntilAPluginLogsAsync(command);
    }
}
