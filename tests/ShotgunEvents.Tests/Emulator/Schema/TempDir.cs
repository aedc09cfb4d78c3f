namespace ShotgunEvents.Tests.Emulator.Schema;

/// <summary>A temporary directory for one test; deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sge-schema-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
