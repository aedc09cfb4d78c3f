using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using NLog;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// What every plugin compiles against, and its identity for the compile cache. Roslyn-free on purpose: a cache hit
/// computes <see cref="Identity"/> without loading the compiler.
/// </summary>
/// <remarks>
/// A single-file binary has no assembly files to read: a bundled framework (self-contained) has no paths in the
/// trusted platform assemblies, and a bundled host assembly (Api, Newtonsoft.Json, NLog) has an empty location.
/// <see cref="CuratedPaths"/> then holds only what exists as files, and <see cref="HostMetadataReferences"/> adds the
/// rest: the framework's reference assemblies from Basic.Reference.Assemblies.Net100 and the host assemblies' metadata
/// read from memory. <c>Assembly.Location</c> is read only to find out which case applies (IL3000 suppressed there).
/// </remarks>
internal static class HostReferences
{
    /// <summary>The namespaces every plugin sees without a <c>using</c>.</summary>
    public static readonly string[] DefaultUsings =
    [
        "ShotgunEvents.Api", "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading",
        "System.Threading.Tasks", "Newtonsoft.Json.Linq", "NLog",
    ];

    // A short list (measured: 15 references reload ~35% faster and keep ~50 MB less than all 170 framework ones);
    // anything else is one `#r "System.Xml.Linq"` away (bare names resolve against the framework).
    internal static readonly string[] FrameworkNames =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections", "System.Collections.Concurrent",
        "System.Linq", "System.Console", "System.Text.RegularExpressions", "System.Threading", "System.Threading.Tasks",
        "System.Net.Http", "System.Net.Primitives", "System.Private.Uri", "System.Diagnostics.Process", "System.Memory",
        "System.Text.Json", "System.ComponentModel.Primitives", "Microsoft.CSharp", "System.Linq.Expressions",
        // JArray/JObject implement IBindingList, ITypedList and INotifyCollectionChanged: without these two, LINQ on a
        // JArray (e.Meta["added"] as JArray).OfType<JObject>() fails with CS0012.
        "System.ObjectModel", "System.ComponentModel.TypeConverter",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Tpa = new(ReadTrustedPlatformAssemblies);
    private static readonly Lazy<IReadOnlyList<string>> Curated = new(FindCuratedPaths);
    private static readonly Lazy<string> IdentityHash = new(ComputeIdentity);

    /// <summary>The framework and host assemblies the runtime resolves by itself: simple name to path.</summary>
    public static IReadOnlyDictionary<string, string> TrustedPlatformAssemblies => Tpa.Value;

    /// <summary>The paths of the references every plugin compiles against that exist as files (all of them, unless bundled).</summary>
    public static IReadOnlyList<string> CuratedPaths => Curated.Value;

    /// <summary>The host assemblies every plugin references: the plugin API, Newtonsoft.Json and NLog.</summary>
    public static IReadOnlyList<Assembly> HostAssemblies { get; } = [typeof(Registrar).Assembly, typeof(JObject).Assembly, typeof(Logger).Assembly];

    /// <summary>
    /// True when the framework is bundled into a single-file binary (self-contained): its assemblies are no files, so
    /// plugins compile against the reference assemblies of Basic.Reference.Assemblies.Net100 instead.
    /// </summary>
    public static bool FrameworkIsBundled { get; } = IsBundled(typeof(object).Assembly);

    /// <summary>True when <paramref name="assembly"/> lives inside a single-file bundle (it has no file of its own).</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty location is exactly what this detects.")]
    public static bool IsBundled(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return string.IsNullOrEmpty(assembly.Location);
    }

    /// <summary>
    /// A hash of everything besides the plugin's own files that decides the compiled output: the references' MVIDs,
    /// the compiler's MVIDs, the default usings and the compile options.
    /// </summary>
    public static string Identity => IdentityHash.Value;

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                map.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        return map;
    }

    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Bundled assemblies (empty location) are skipped here and referenced from memory.")]
    private static List<string> FindCuratedPaths()
    {
        var paths = new List<string>();
        foreach (var name in FrameworkNames)
        {
            if (!FrameworkIsBundled && TrustedPlatformAssemblies.TryGetValue(name, out var path))
            {
                paths.Add(path);
            }
        }

        foreach (var assembly in HostAssemblies)
        {
            if (!IsBundled(assembly) && !paths.Contains(assembly.Location, StringComparer.Ordinal))
            {
                paths.Add(assembly.Location);
            }
        }

        return paths;
    }

    private static string ComputeIdentity()
    {
        var text = new StringBuilder("options=script;latest;debug;nullable;portable-pdb;globals=PluginGlobals;cs4014=error;sge0002;v2\n");
        text.Append("usings=").AppendJoin(',', DefaultUsings).Append('\n');
        foreach (var path in CuratedPaths)
        {
            text.Append(Path.GetFileName(path)).Append('=').Append(ReadMvid(path)).Append('\n');
        }

        // In a single-file binary what is not a file is fixed at publish: the daemon's own build and the bundled hosts'.
        if (FrameworkIsBundled)
        {
            text.Append("framework=reference-pack;").Append(typeof(HostReferences).Assembly.ManifestModule.ModuleVersionId.ToString("N")).Append('\n');
        }

        foreach (var assembly in HostAssemblies.Where(IsBundled))
        {
            text.Append(assembly.GetName().Name).Append("=bundled;").Append(assembly.ManifestModule.ModuleVersionId.ToString("N")).Append('\n');
        }

        foreach (var compiler in new[] { "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp" })
        {
            text.Append(compiler).Append('=').Append(TrustedPlatformAssemblies.TryGetValue(compiler, out var path)
                ? ReadMvid(path)
                : typeof(HostReferences).Assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == compiler)?.Version?.ToString() ?? "?")
                .Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The module version id of an assembly file, read from its metadata without loading it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The MVID, or a content hash when the file has no readable metadata.</returns>
    public static string ReadMvid(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            return metadata.GetGuid(metadata.GetModuleDefinition().Mvid).ToString("N");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "missing";
        }
    }
}
