using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// Resolves <c>#r</c>: a path (<c>#r "lib/Tools.dll"</c>, relative to the including file) is a private DLL of the
/// plugin, loaded into its own context; a bare name (<c>#r "System.Xml.Linq"</c>) is a framework or host assembly,
/// shared with the daemon. Records every private DLL, found or not, for the fingerprint and the cache key.
/// </summary>
internal sealed class PluginMetadataResolver : MetadataReferenceResolver
{
    // Framework references are immutable for the process's life: read each one once, not per compile.
    private static readonly ConcurrentDictionary<string, PortableExecutableReference?> SharedReferences = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _baseDirectory;
    private readonly Lock _gate = new();
    private readonly List<FileStamp> _recorded = [];
    private readonly List<string> _privateReferences = [];

    public PluginMetadataResolver(string baseDirectory) => _baseDirectory = baseDirectory;

    public override bool ResolveMissingAssemblies => false;

    /// <summary>Every private DLL referenced (and every missing one).</summary>
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

    /// <summary>The private DLLs found, by full path.</summary>
    public IReadOnlyList<string> PrivateReferences
    {
        get
        {
            lock (_gate)
            {
                return [.. _privateReferences];
            }
        }
    }

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath,
        MetadataReferenceProperties properties)
    {
        var isPath = reference.Contains('/', StringComparison.Ordinal) || reference.Contains('\\', StringComparison.Ordinal);
        var isFile = reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var name = isFile ? reference[..^4] : reference;
        if (!isPath && (!isFile || !File.Exists(ResolvePath(reference, baseFilePath)))
            && SharedReferences.GetOrAdd(name, n => HostMetadataReferences.Framework(n)) is { } shared)
        {
            return [shared];
        }

        if (!isPath && !isFile)
        {
            return [];
        }

        var fullPath = ResolvePath(reference, baseFilePath);
        var snapshot = FileSnapshot.Read(fullPath);
        lock (_gate)
        {
            _recorded.Add(snapshot.Stamp);
            if (snapshot.Stamp.Exists && !_privateReferences.Contains(fullPath, StringComparer.Ordinal))
            {
                _privateReferences.Add(fullPath);
            }
        }

        // From the bytes read, not the path: the file stays replaceable and the fingerprint matches what was compiled.
        return snapshot.Stamp.Exists
            ? [MetadataReference.CreateFromImage(snapshot.Bytes, properties, filePath: fullPath)]
            : [];
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    private string ResolvePath(string reference, string? baseFilePath)
    {
        var relativeTo = Path.GetDirectoryName(baseFilePath) is { Length: > 0 } dir ? dir : _baseDirectory;
        return Path.GetFullPath(Path.Combine(relativeTo, reference));
    }
}
