using System.Text;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sge-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ContentGoesToATempFileInTheSameDirectoryThenIsRenamedOver()
    {
        var path = Path.Join(_dir, "state.json");
        File.WriteAllText(path, "old");
        string[] duringWrite = [];
        string contentDuringWrite = "";

        AtomicFile.Write(path, stream =>
        {
            stream.Write("new"u8);
            stream.Flush();
            duringWrite = Directory.GetFiles(_dir).Select(Path.GetFileName).ToArray()!;
            contentDuringWrite = File.ReadAllText(path);
        });

        Assert.Equal("old", contentDuringWrite);
        Assert.Equal(2, duringWrite.Length);
        Assert.Contains(duringWrite, f => f != "state.json" && f.StartsWith(".state.json.", StringComparison.Ordinal) && f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_ReplacedCallback_RunsOnceWithTheNewContentUnderTheName()
    {
        var path = Path.Join(_dir, "state.json");
        File.WriteAllText(path, "old");
        var seen = new List<string>();

        AtomicFile.Write(path, stream => stream.Write("new"u8), () => seen.Add(File.ReadAllText(path)));

        Assert.Equal(["new"], seen);
    }

    [Fact]
    public void Write_ThrowsHalfway_ReplacedCallbackNotCalled()
    {
        var path = Path.Join(_dir, "state.json");
        File.WriteAllText(path, "old");
        var called = false;

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("failed"), () => called = true));

        Assert.False(called);
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void Write_ThrowsHalfway_OldFileIntactAndNoTempFileLeft()
    {
        var path = Path.Join(_dir, "state.json");
        File.WriteAllText(path, """{"version":1,"collections":{}}""");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("""{"version":1,"coll"""));
            throw new InvalidOperationException("serialization failed");
        }));

        Assert.Equal("""{"version":1,"collections":{}}""", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_NewFile_OwnerOnlyAndDirectoryCreated()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Join(_dir, "nested", "state.json");

        AtomicFile.Write(path, stream => stream.Write("{}"u8));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_OverAWorldReadableFile_LeavesItOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Join(_dir, "state.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);

        AtomicFile.Write(path, stream => stream.Write("new"u8));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
