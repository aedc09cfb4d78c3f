using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Tests.Daemon.Hosting;

/// <summary>One daemon per state file: the lock beside it.</summary>
public sealed class StateLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sge-lock-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Acquire_WhileHeld_RefusesWithExitTwoNamingFileProcessAndHost()
    {
        var state = Path.Combine(_dir, "state", "state.json");
        using var first = StateLock.Acquire(state);

        var refused = Assert.Throws<UserErrorException>(() => StateLock.Acquire(state));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains($"state file {Path.GetFullPath(state)} is in use by process {Environment.ProcessId} on {Environment.MachineName}",
            refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        var state = Path.Combine(_dir, "state.json");
        StateLock.Acquire(state).Dispose();

        using var again = StateLock.Acquire(state);

        Assert.Equal(state + ".lock", again.Path);
        Assert.Equal($"{Environment.ProcessId} {Environment.MachineName}", File.ReadAllText(StateLock.OwnerPathFor(state)).Trim());
    }

    [Fact]
    public void Acquire_LockFileLeftByADeadProcess_DoesNotBlock()
    {
        var state = Path.Combine(_dir, "state.json");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(StateLock.PathFor(state), "");
        File.WriteAllText(StateLock.OwnerPathFor(state), "999999 some-host\n");

        using var taken = StateLock.Acquire(state);

        Assert.Equal($"{Environment.ProcessId} {Environment.MachineName}", File.ReadAllText(StateLock.OwnerPathFor(state)).Trim());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
