using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary>What every verb of the real command does with --help, --version, unknown and missing input, a bad config.</summary>
public sealed class CliUsageTests
{
    public static TheoryData<string, string> VerbsAndAnOption => new()
    {
        { "run", "dry-run" },
        { "check", "paths" },
        { "status", "json" },
        { "replay", "plugin" },
        { "emulator", "seed" },
        { "new", "NAME" },
        { "migrate-state", "FILE" },
    };

    public static TheoryData<string[]> VerbsThatReadTheConfig => new()
    {
        new[] { "run" },
        new[] { "check" },
        new[] { "status", "--json" },
        new[] { "replay", "--plugin", "anything", "--event", "1" },
    };

    [Theory]
    [MemberData(nameof(VerbsAndAnOption))]
    public async Task HelpAndVersion_EachVerb_PrintOnStdoutAndExitZero(string verb, string option)
    {
        using var sandbox = new CliSandbox();

        var help = await CommandProcess.RunAsync(sandbox.Root, verb, "--help");
        var version = await CommandProcess.RunAsync(sandbox.Root, verb, "--version");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains(option, help.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, help.Error);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("shotgun-events ", version.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NoVerb_ListsEveryVerbAndTheAlias()
    {
        using var sandbox = new CliSandbox();

        var help = await CommandProcess.RunAsync(sandbox.Root, "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var verb in new[] { "run, foreground", "check", "status", "replay", "emulator", "new", "migrate-state" })
        {
            Assert.Contains(verb, help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownVerb_ExitsTwoWithOneLineAndDoesNotStartTheDaemon()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded", plugins: "plugins");

        var result = await CommandProcess.RunAsync(sandbox.Root, "stauts");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown command 'stauts'", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.Path("state")), "the mistyped verb must not run the daemon");
    }

    [Fact]
    public async Task UnknownOption_ExitsTwoNamingIt()
    {
        using var sandbox = new CliSandbox();

        var result = await CommandProcess.RunAsync(sandbox.Root, "check", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "Required option 'p, plugin' is missing")]
    [InlineData("new", "A required value not bound to option name is missing")]
    [InlineData("migrate-state", "A required value not bound to option name is missing")]
    public async Task MissingRequiredInput_ExitsTwoNamingIt(string verb, string message)
    {
        using var sandbox = new CliSandbox();

        var result = await CommandProcess.RunAsync(sandbox.Root, verb);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VerbsThatReadTheConfig))]
    public async Task BadConfig_EachProblemAsSectionKeyReason_ExitsTwoWithoutAStackTrace(string[] args)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write(CliSandbox.DaemonIni, """
            [daemon]
            fetch_interval = 5 # seconds
            logging = LOUD

            [shotgun]
            server = ftp://example.com
            name = events
            key = secret-key-never-shown

            [plugins]
            paths = plugins
            """);

        var result = await CommandProcess.RunAsync(sandbox.Root, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("daemon.ini [daemon] fetch_interval: '5 # seconds' is not a number of seconds", result.Error, StringComparison.Ordinal);
        Assert.Contains("daemon.ini [daemon] logging: 'LOUD' is not a log level", result.Error, StringComparison.Ordinal);
        Assert.Contains("daemon.ini [shotgun] server: 'ftp://example.com' is not an http(s) URL", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-never-shown", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoConfigAnywhere_RunExitsTwoListingWhereItLooked()
    {
        using var sandbox = new CliSandbox();

        var result = await CommandProcess.RunAsync(sandbox.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no config file found", result.Error, StringComparison.Ordinal);
        Assert.Contains(sandbox.Path("daemon.ini"), result.Error, StringComparison.Ordinal);
        Assert.Contains("`shotgun-events init` writes a commented daemon.ini", result.Error, StringComparison.Ordinal);
    }
}
