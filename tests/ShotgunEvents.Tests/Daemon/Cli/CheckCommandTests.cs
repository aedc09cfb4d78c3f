using System.Text.RegularExpressions;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>check</c> through the real command: as a pre-commit hook (paths, no config) and over the configured collections.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task Check_BrokenPluginByPathWithoutAConfig_PrintsFileLineColumnErrorAndExitsOne()
    {
        using var sandbox = new CliSandbox();
        var broken = sandbox.AddPlugin("broken.csx");
        sandbox.AddPlugin("quiet.csx");

        var result = await CommandProcess.RunAsync(sandbox.Root, "check", "plugins/broken.csx", "plugins/quiet.csx");

        Assert.True(result.ExitCode == 1, result.ToString());
        var column = File.ReadAllLines(broken)[6].IndexOf("\"three\"", StringComparison.Ordinal) + 1;
        Assert.Matches(new Regex($@"^{Regex.Escape(broken)}\(7,{column}\): error CS0029: ", RegexOptions.Multiline), result.Output);
        Assert.Contains("1 of 2 plugin(s) failed to compile.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DroppedTasks_AreErrorsWithFileLineAndColumn()
    {
        using var sandbox = new CliSandbox();
        var async = sandbox.AddPlugin("dropped_task_async.csx");
        var sync = sandbox.AddPlugin("dropped_task_sync.csx");

        var result = await CommandProcess.RunAsync(sandbox.Root, "check", "plugins/dropped_task_async.csx", "plugins/dropped_task_sync.csx");

        Assert.True(result.ExitCode == 1, result.ToString());
        var asyncColumn = File.ReadAllLines(async)[6].IndexOf("sg.UpdateAsync", StringComparison.Ordinal) + 1;
        var syncColumn = File.ReadAllLines(sync)[6].IndexOf("sg.UpdateAsync", StringComparison.Ordinal) + 1;
        Assert.Matches(new Regex($@"^{Regex.Escape(async)}\(7,{asyncColumn}\): error CS4014: ", RegexOptions.Multiline), result.Output);
        Assert.Matches(new Regex($@"^{Regex.Escape(sync)}\(7,{syncColumn}\): error SGE0002: the task of 'UpdateAsync' is dropped", RegexOptions.Multiline), result.Output);
        // The explicit discard on line 6 is meant, and not reported.
        Assert.DoesNotMatch(new Regex($@"{Regex.Escape(sync)}\(6,"), result.Output);
        Assert.Contains("2 of 2 plugin(s) failed to compile.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ConfiguredCollections_CompileWithoutContactingASite()
    {
        using var sandbox = new CliSandbox();
        // Nothing listens on port 9: a check that tried the site would fail or hang.
        sandbox.WriteConfig("http://127.0.0.1:9", "events", "key");
        sandbox.AddPlugin("quiet.csx");
        sandbox.AddPlugin("note_on_shot_change.csx");

        var result = await CommandProcess.RunAsync(sandbox.Root, "check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("OK: 2 plugin(s) compiled.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RepositoryExamplesAndScripts_EveryPluginCompiles()
    {
        var examples = Path.Combine(CliSandbox.RepositoryRoot, "examples");
        var scripts = Path.Combine(CliSandbox.RepositoryRoot, "scripts");
        var count = Directory.GetFiles(examples, "*.csx").Length + Directory.GetFiles(scripts, "*.csx").Length;
        Assert.True(Directory.GetFiles(examples, "*.csx").Length >= 5, "the upstream example ports are in examples/");

        var result = await CommandProcess.RunAsync(CliSandbox.RepositoryRoot, "check", examples, scripts);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"OK: {count} plugin(s) compiled.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PathThatDoesNotExist_ExitsTwoNamingIt()
    {
        using var sandbox = new CliSandbox();

        var result = await CommandProcess.RunAsync(sandbox.Root, "check", "plugins/nothing.csx");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing.csx: no such plugin file or directory", result.Error, StringComparison.Ordinal);
    }
}
