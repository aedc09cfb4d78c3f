using ShotgunEvents.Daemon.Cli;

namespace ShotgunEvents.Tests.Daemon.Cli;

public sealed class StartupWarmUpTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("status")]
    [InlineData("replay")]
    public void StartFor_AnotherVerb_StartsNothing(string verb)
    {
        Assert.Null(StartupWarmUp.StartFor([verb, "--config", "daemon.ini"]));
    }

    [Theory]
    [InlineData]
    [InlineData("run")]
    [InlineData("--config", "daemon.ini")]
    [InlineData("run", "--dry-run")]
    public void StartFor_Run_StartsAndItsLoggingPartEnds(params string[] args)
    {
        var warmUp = StartupWarmUp.StartFor(args);

        Assert.NotNull(warmUp);
        // The bounded wait returns true only when the logging part really ended (not on the bound).
        Assert.True(warmUp.WaitForLogging(), "the logging warm-up did not end within its bound");
    }
}
