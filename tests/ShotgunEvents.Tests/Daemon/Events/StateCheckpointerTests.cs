using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.State;
using ShotgunEvents.Tests.Daemon.Plugins;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>The state writer on its own, writing a real state file.</summary>
public sealed class StateCheckpointerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sge-checkpointer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Request_AWriteFailsForAReasonOtherThanTheDisk_LoggedOnceAndTheNextRequestIsWritten()
    {
        using var logs = new LogCapture();
        var failures = 2;
        var file = new StateFile(Path.Join(_dir, "state.json"));
        var checkpointer = new StateCheckpointer(file, new DaemonState(), null, null, TimeProvider.System, logs.Factory.GetLogger("engine"),
            () => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("a bug in the writer") : [], () => true);
        checkpointer.Start();

        checkpointer.Request();
        await Eventually.TrueAsync(() => logs.Contains("a bug in the writer"), "the failed write logged");
        checkpointer.Request();
        await Eventually.TrueAsync(() => Volatile.Read(ref failures) <= 0, "the second request tried (and failed)");
        checkpointer.Request();
        await Eventually.TrueAsync(() => checkpointer.WriteCount == 1, "a later request written");

        // The writer outlived both failures, logged the streak once, and the file is whole.
        Assert.Equal(1, logs.Count("a bug in the writer"));
        Assert.True(File.Exists(file.Path));
        Assert.NotNull(file.Load());
        await checkpointer.StopAsync();
    }
}
