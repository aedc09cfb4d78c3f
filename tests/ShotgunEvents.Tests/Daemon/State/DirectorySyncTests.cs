using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sge-dirsync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Flush_ExistingDirectory_SyncsThroughLibc()
    {
        File.WriteAllText(Path.Join(_dir, "state.json"), "{}");

        // Throws DllNotFoundException/EntryPointNotFoundException, or IOException, if the libc calls do not work here.
        DirectorySync.Flush(_dir);
    }

    [Fact]
    public void Flush_MissingDirectory_IOExceptionNamesTheDirectoryAndTheOsError()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var missing = Path.Join(_dir, "gone");

        var e = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("No such file", e.Message, StringComparison.Ordinal);
    }
}
