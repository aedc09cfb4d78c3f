using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>new NAME</c>: a skeleton that compiles, the editor files beside it, and refusals.</summary>
public sealed class NewPluginCommandTests
{
    [Fact]
    public async Task New_WithDir_WritesASkeletonThatCheckCompilesAndTheEditorFiles()
    {
        using var sandbox = new CliSandbox();

        var created = await CommandProcess.RunAsync(sandbox.Root, "new", "shot_notes", "--dir", "plugins");
        var checkedResult = await CommandProcess.RunAsync(sandbox.Root, "check", "plugins/shot_notes.csx");

        Assert.True(created.ExitCode == 0, created.ToString());
        var source = File.ReadAllText(sandbox.Path("plugins", "shot_notes.csx"));
        Assert.Contains("void registerCallbacks(Registrar reg)", source, StringComparison.Ordinal);
        Assert.Contains("SGDAEMON_SHOT_NOTES_KEY", source, StringComparison.Ordinal);
        Assert.True(File.Exists(sandbox.Path("plugins", "omnisharp.json")));
        Assert.True(File.Exists(sandbox.Path("plugins", ".shotgun-events", "plugins.rsp")));
        Assert.True(checkedResult.ExitCode == 0, checkedResult.ToString());
        Assert.Contains("OK: 1 plugin(s) compiled.", checkedResult.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_WithoutDir_WritesIntoTheFirstCollection_RefusesAnExistingFileAndABadName()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded", plugins: "first, second");

        var created = await CommandProcess.RunAsync(sandbox.Root, "new", "alpha");
        var again = await CommandProcess.RunAsync(sandbox.Root, "new", "alpha");
        var badName = await CommandProcess.RunAsync(sandbox.Root, "new", "9lives");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(File.Exists(sandbox.Path("first", "alpha.csx")));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("'9lives' is not a valid plugin name", badName.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.Path("first", "9lives.csx")));
    }
}
