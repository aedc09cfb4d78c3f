using CommandLine;
using ShotgunEvents.Daemon;
using ShotgunEvents.Daemon.Cli;

namespace ShotgunEvents.Tests.Daemon.Cli;

public sealed class RunCommandLineTests
{
    public static TheoryData<string[]> PlainRunLines() => new()
    {
        Array.Empty<string>(),
        new[] { "run" },
        new[] { "foreground" },
        new[] { "--config", "daemon.ini" },
        new[] { "-c", "/etc/shotgun-events/daemon.ini" },
        new[] { "run", "--config", "a b.ini", "--dry-run" },
        new[] { "run", "--reset-state", "-c", "x.ini" },
        new[] { "foreground", "--dry-run", "--reset-state", "--config", "daemon.ini" },
        new[] { "--dry-run" },
        new[] { "run", "--shard", "2/3" },
        new[] { "--config", "daemon.ini", "--shard", "1/1", "--dry-run" },
    };

    public static TheoryData<string[]> OtherLines() => new()
    {
        new[] { "--help" },
        new[] { "--version" },
        new[] { "help" },
        new[] { "run", "--help" },
        new[] { "check", "--config", "daemon.ini" },
        new[] { "run", "--config" },
        new[] { "run", "--config", "--dry-run" },
        new[] { "run", "--config", "" },
        new[] { "run", "--config=daemon.ini" },
        new[] { "run", "--config", "a.ini", "--config", "b.ini" },
        new[] { "run", "--dry-run", "--dry-run" },
        new[] { "run", "--Dry-Run" },
        new[] { "run", "extra" },
        new[] { "run", "run" },
        new[] { "rnu" },
        new[] { "run", "--shard" },
        new[] { "run", "--shard", "1/2", "--shard", "2/2" },
    };

    [Theory]
    [MemberData(nameof(PlainRunLines))]
    public void TryParse_PlainRunLine_ReadsWhatTheParserReads(string[] args)
    {
        var fast = RunCommandLine.TryParse(args);

        Assert.NotNull(fast);
        var parsed = Assert.IsType<Parsed<object>>(Program.Parse(args));
        var expected = Assert.IsType<RunOptions>(parsed.Value);
        Assert.Equal((expected.Config, expected.Shard, expected.DryRun, expected.ResetState), (fast.Config, fast.Shard, fast.DryRun, fast.ResetState));
    }

    [Theory]
    [MemberData(nameof(OtherLines))]
    public void TryParse_AnyOtherLine_LeavesItToTheParser(string[] args)
    {
        Assert.Null(RunCommandLine.TryParse(args));
    }
}
