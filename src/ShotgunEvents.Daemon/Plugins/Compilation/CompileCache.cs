using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NLog;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// Compiled plugins on disk, one entry file per plugin path, so a restart loads unchanged plugins without starting
/// Roslyn (~1 s and ~120 MB saved). An entry is valid only while its key, recomputed from the current content of
/// every file it was built from, still matches. Roslyn-free by design.
/// </summary>
internal sealed class CompileCache
{
    private readonly string _directory;
    private readonly Lazy<Logger> _log;
    private int _writeFailureLogged;

    /// <summary>Creates the cache; the logger is only created if something needs saying.</summary>
    public CompileCache(string directory, Func<Logger> log)
    {
        _directory = Path.GetFullPath(directory);
        _log = new Lazy<Logger>(log);
    }

    /// <summary>The cached result for a plugin, or null when there is none or it is out of date.</summary>
    public CompileResult? TryLoad(string fullPath, string pluginName)
    {
        var started = Stopwatch.GetTimestamp();
        var entryPath = EntryPath(fullPath, pluginName);
        try
        {
            if (!File.Exists(entryPath))
            {
                return null;
            }

            var entry = JObject.Parse(File.ReadAllText(entryPath));
            if (entry.Value<int?>("format") != CacheKey.FormatVersion
                || entry["dependencies"] is not JArray paths
                || paths.Count == 0
                || paths[0].Value<string>() != fullPath)
            {
                return null;
            }

            var stamps = paths.Select(p => FileStamp.Of(p.Value<string>()!)).ToArray();
            if (stamps.Any(s => !s.Exists) || CacheKey.Compute(pluginName, stamps) != entry.Value<string>("key"))
            {
                return null;
            }

            var assembly = Convert.FromBase64String(entry.Value<string>("assembly")!);
            var pdb = Convert.FromBase64String(entry.Value<string>("pdb")!);
            if (Checksum(assembly, pdb) != entry.Value<string>("checksum"))
            {
                // A damaged entry would otherwise "hit" until the plugin's source changes.
                _log.Value.Warn("Compile cache entry {0} is damaged; compiling {1} instead.", entryPath, fullPath);
                return null;
            }

            var script = new CompiledScript(
                assembly,
                pdb,
                entry.Value<string>("typeName")!,
                entry.Value<string>("factoryName")!,
                entry["privateReferences"]?.Values<string>().OfType<string>().ToArray() ?? []);
            return new CompileResult(fullPath, script, [], stamps, fromCache: true, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException
                                       or InvalidCastException or ArgumentException)
        {
            _log.Value.Debug("Compile cache entry {0} is unreadable, compiling instead: {1}", entryPath, ex.Message);
            return null;
        }
    }

    /// <summary>Stores a freshly compiled plugin; a cache that cannot be written is reported once and otherwise ignored.</summary>
    /// <summary>
    /// Whether there is an entry for the plugin at all (not whether it is still valid: that is <see cref="TryLoad"/>'s
    /// work). Cheap enough to ask before anything is loaded.
    /// </summary>
    public bool HasEntry(string fullPath, string pluginName) => File.Exists(EntryPath(fullPath, pluginName));

    public void Store(string fullPath, string pluginName, CompiledScript script, IReadOnlyList<FileStamp> dependencies)
    {
        if (dependencies.Count == 0 || dependencies.Any(d => !d.Exists))
        {
            return;
        }

        var entryPath = EntryPath(fullPath, pluginName);
        var entry = new JObject
        {
            ["format"] = CacheKey.FormatVersion,
            ["plugin"] = pluginName,
            ["key"] = CacheKey.Compute(pluginName, dependencies),
            ["typeName"] = script.TypeName,
            ["factoryName"] = script.FactoryName,
            ["dependencies"] = new JArray(dependencies.Select(d => d.Path)),
            ["privateReferences"] = new JArray(script.PrivateReferences),
            ["assembly"] = Convert.ToBase64String(script.Assembly),
            ["pdb"] = Convert.ToBase64String(script.Pdb),
            ["checksum"] = Checksum(script.Assembly, script.Pdb),
        };
        var temp = entryPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllText(temp, entry.ToString(Formatting.None));
            File.Move(temp, entryPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            if (Interlocked.Exchange(ref _writeFailureLogged, 1) == 0)
            {
                _log.Value.Warn("Cannot write the plugin compile cache in {0} ({1}); plugins still load, but are compiled at every start.",
                    _directory, ex.Message);
            }
        }
    }

    private static string Checksum(byte[] assembly, byte[] pdb)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(assembly);
        hash.AppendData(pdb);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private string EntryPath(string fullPath, string pluginName)
    {
        var pathHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..16].ToLowerInvariant();
        return Path.Combine(_directory, $"{ScriptNames.Sanitize(pluginName)}-{pathHash}.plugin.json");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stray temp file is harmless; the next store overwrites the entry anyway.
        }
    }
}
