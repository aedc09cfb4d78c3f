using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// Resolves <c>#load</c> relative to the including file (as dotnet-script does) and records every file it opens,
/// with the exact bytes handed to the compiler, plus every <c>#load</c> target that is missing.
/// </summary>
internal sealed class RecordingSourceResolver : SourceFileResolver
{
    private readonly string _baseDirectory;
    private readonly Lock _gate = new();
    private readonly List<FileStamp> _recorded = [];

    public RecordingSourceResolver(string baseDirectory)
        : base(ImmutableArray<string>.Empty, baseDirectory)
    {
        _baseDirectory = baseDirectory;
    }

    /// <summary>Every file opened (and every missing target), in order.</summary>
    public IReadOnlyList<FileStamp> Recorded
    {
        get
        {
            lock (_gate)
            {
                return [.. _recorded];
            }
        }
    }

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        var resolved = base.ResolveReference(path, baseFilePath);
        if (resolved is null)
        {
            var relativeTo = Path.GetDirectoryName(baseFilePath) is { Length: > 0 } dir ? dir : _baseDirectory;
            Record(FileStamp.Missing(Path.GetFullPath(Path.Combine(relativeTo, path))));
        }

        return resolved;
    }

    public override Stream OpenRead(string resolvedPath)
    {
        var snapshot = FileSnapshot.Read(Path.GetFullPath(resolvedPath));
        Record(snapshot.Stamp);
        return snapshot.Stamp.Exists
            ? new MemoryStream(snapshot.Bytes, writable: false)
            : throw new FileNotFoundException("Could not read the file.", resolvedPath);
    }

    private void Record(FileStamp stamp)
    {
        lock (_gate)
        {
            _recorded.Add(stamp);
        }
    }
}
