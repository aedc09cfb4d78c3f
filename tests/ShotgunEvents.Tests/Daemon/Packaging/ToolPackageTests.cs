namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>The .NET tool: packed, installed from a local folder feed, and used as a TD would.</summary>
[Collection(PackagingCollection.Name)]
public sealed class ToolPackageTests
{
    [PackagingFact]
    public async Task Pack_InstalledFromALocalFeed_VersionInitNewCheckAndAShortRunWork()
    {
        using var sandbox = new PackagingSandbox();
        var feed = sandbox.Path("feed");
        await sandbox.DotnetAsync("pack", "-c", "Release", "-o", feed);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.StartsWith("ShotgunEvents.", Path.GetFileName(package), StringComparison.Ordinal);
        // Only this feed: the install must not depend on (or be confused by) any other source.
        File.WriteAllText(sandbox.Path("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var tools = sandbox.Path("tools");

        var (installed, installOutput) = await Support.ExternalProcess.RunAsync(Support.ExternalProcess.Dotnet, sandbox.Root,
            ["tool", "install", "ShotgunEvents", "--tool-path", tools, "--configfile", sandbox.Path("nuget.config")], PackagingSandbox.BuildTimeout);
        Assert.True(installed == 0, installOutput);
        var command = Path.Combine(tools, "shotgun-events");
        Assert.True(File.Exists(command), installOutput);

        var version = await sandbox.RunAsync(command, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("shotgun-events 0.1.0", version.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await sandbox.RunAsync(command, "init")).ExitCode);
        var created = await sandbox.RunAsync(command, "new", "my_plugin");
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(File.Exists(Path.Combine(sandbox.Work, "scripts", "my_plugin.csx")));
        var check = await sandbox.RunAsync(command, "check");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("OK: 2 plugin(s) compiled.", check.Output, StringComparison.Ordinal);

        await sandbox.RunUntilAPluginLogsAsync(command);
    }
}
