using System.Reflection;
using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// <see cref="HostReferences"/> as Roslyn references: the files it lists, and in a single-file binary what has no file,
/// the framework's reference assemblies (Basic.Reference.Assemblies.Net100, made for Roslyn) and the bundled host
/// assemblies' metadata, read from the process's memory. Built once: re-reading metadata per compile costs time and memory.
/// </summary>
internal static class HostMetadataReferences
{
    private static readonly Lazy<MetadataReference[]> Curated = new(Build);

    private static readonly Lazy<IReadOnlyDictionary<string, Basic.Reference.Assemblies.Net100.ReferenceInfo>> Pack = new(() =>
        Basic.Reference.Assemblies.Net100.ReferenceInfos.All.ToDictionary(r => Path.GetFileNameWithoutExtension(r.FileName), StringComparer.OrdinalIgnoreCase));

    /// <summary>What every plugin compiles against.</summary>
    public static IReadOnlyList<MetadataReference> All => Curated.Value;

    /// <summary>A framework assembly by simple name (<c>#r "System.Xml.Linq"</c>), or null when the framework has none.</summary>
    public static PortableExecutableReference? Framework(string name)
    {
        if (HostReferences.FrameworkIsBundled)
        {
            if (Pack.Value.TryGetValue(name, out var info))
            {
                return info.Reference;
            }

            // A bundled host assembly (#r "Newtonsoft.Json" is allowed, if redundant): the reference every plugin has.
            var host = HostReferences.HostAssemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
            return host is null ? null : All.OfType<PortableExecutableReference>().FirstOrDefault(r => string.Equals(r.Display, host.GetName().Name, StringComparison.Ordinal)
                                                                                       || string.Equals(Path.GetFileNameWithoutExtension(r.FilePath), host.GetName().Name, StringComparison.OrdinalIgnoreCase));
        }

        return HostReferences.TrustedPlatformAssemblies.TryGetValue(name, out var path) ? MetadataReference.CreateFromFile(path) : null;
    }

    private static MetadataReference[] Build()
    {
        var references = new List<MetadataReference>(HostReferences.CuratedPaths.Select(path => MetadataReference.CreateFromFile(path)));
        if (HostReferences.FrameworkIsBundled)
        {
            // Reference assemblies put every public type where a program compiled against the SDK expects it, so the
            // implementation-only names of the list (System.Private.CoreLib, System.Private.Uri) have no counterpart.
            references.AddRange(HostReferences.FrameworkNames.Where(Pack.Value.ContainsKey).Select(name => (MetadataReference)Pack.Value[name].Reference));
        }

        references.AddRange(HostReferences.HostAssemblies.Where(HostReferences.IsBundled).Select(FromMemory));
        return [.. references];
    }

    /// <summary>The metadata of a loaded assembly, from memory: a bundled assembly has no file to read it from.</summary>
    private static unsafe PortableExecutableReference FromMemory(Assembly assembly)
    {
        if (!assembly.TryGetRawMetadata(out var blob, out var length))
        {
            throw new InvalidOperationException($"The metadata of {assembly.GetName().Name} cannot be read from memory; plugins cannot reference it.");
        }

        // The metadata stays valid while the assembly is loaded, which a host assembly is for the process's life.
        return AssemblyMetadata.Create(ModuleMetadata.CreateFromMetadata((nint)blob, length)).GetReference(display: assembly.GetName().Name);
    }
}
