using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>init</c> through the real command: the shipped config and sample plugin, written from the binary alone.</summary>
public sealed class InitCommandTests
{
    [Fact]
    public async Task Init_EmptyFolder_WritesTheShippedConfigAndOnePluginThatCheckCompiles()
    {
        using var sandbox = new CliSandbox();

        var init = await CommandProcess.RunAsync(sandbox.Root, "init");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(CliSandbox.RepositoryRoot, "daemon.ini")), File.ReadAllText(sandbox.ConfigPath));
        Assert.Equal(File.ReadAllText(Path.Combine(CliSandbox.RepositoryRoot, "scripts", "log_changes.csx")),
            File.ReadAllText(sandbox.Path("scripts", "log_changes.csx")));
        Assert.Equal(["log_changes.csx"], Directory.GetFiles(sandbox.Path("scripts"), "*.csx").Select(Path.GetFileName));
        Assert.Contains("shotgun-events run", init.Output, StringComparison.Ordinal);

        var check = await CommandProcess.RunAsync(sandbox.Root, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("OK: 1 plugin(s) compiled.", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_ConfigExists_RefusesAndChangesNothing_ForceOverwrites()
    {
        using var sandbox = new CliSandbox();
        var mine = sandbox.Write("daemon.ini", "# my own config\n");

        var refused = await CommandProcess.RunAsync(sandbox.Root, "init", "--dir", sandbox.Root);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{mine} already exists; nothing was written (--force overwrites).", refused.Error, StringComparison.Ordinal);
        Assert.Equal("# my own config\n", File.ReadAllText(mine));
        Assert.False(Directory.Exists(sandbox.Path("scripts")));

        var forced = await CommandProcess.RunAsync(Path.GetTempPath(), "init", "--dir", sandbox.Root, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("[shotgun]", File.ReadAllText(mine), StringComparison.Ordinal);
        Assert.Contains($"cd {sandbox.Root}", forced.Output, StringComparison.Ordinal);
    }
}
