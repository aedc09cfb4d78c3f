using System.Reflection;
using System.Runtime.Loader;
using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>
/// The collectible load context of one plugin generation: its compiled script and its private <c>#r</c> DLLs live
/// here and go away with it. Everything the host also has (framework, Api, Newtonsoft, NLog) is shared with the
/// host, so a plugin's <c>JObject</c> is the daemon's <c>JObject</c>.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static int _sequence;

    private readonly Dictionary<string, Assembly> _private = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _probeDirectories = [];

    public PluginLoadContext(string pluginName)
        : base($"plugin:{pluginName}#{Interlocked.Increment(ref _sequence)}", isCollectible: true)
    {
    }

    /// <summary>Loads the plugin's private DLLs, eagerly, from bytes (so the files can be replaced while it runs).</summary>
    /// <param name="paths">The DLL paths.</param>
    public void LoadPrivateReferences(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var name = AssemblyName.GetAssemblyName(path).Name;
            if (name is null || HostReferences.TrustedPlatformAssemblies.ContainsKey(name) || _private.ContainsKey(name))
            {
                continue;
            }

            _private[name] = LoadFromFileBytes(path);
            var directory = Path.GetDirectoryName(path);
            if (directory is not null && !_probeDirectories.Contains(directory, StringComparer.Ordinal))
            {
                _probeDirectories.Add(directory);
            }
        }
    }

    /// <summary>Loads the compiled script with its PDB, so stack traces name the .csx file and line.</summary>
    public Assembly LoadScript(CompiledScript script)
    {
        using var assembly = new MemoryStream(script.Assembly, writable: false);
        using var pdb = new MemoryStream(script.Pdb, writable: false);
        return LoadFromStream(assembly, pdb);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || HostReferences.TrustedPlatformAssemblies.ContainsKey(name))
        {
            return null;
        }

        if (_private.TryGetValue(name, out var loaded))
        {
            return loaded;
        }

        // A private DLL's own dependencies sit next to it.
        foreach (var directory in _probeDirectories)
        {
            var candidate = Path.Combine(directory, name + ".dll");
            if (File.Exists(candidate))
            {
                return _private[name] = LoadFromFileBytes(candidate);
            }
        }

        return null;
    }

    private Assembly LoadFromFileBytes(string path)
    {
        using var assembly = new MemoryStream(File.ReadAllBytes(path), writable: false);
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(pdbPath))
        {
            return LoadFromStream(assembly);
        }

        using var pdb = new MemoryStream(File.ReadAllBytes(pdbPath), writable: false);
        return LoadFromStream(assembly, pdb);
    }
}
