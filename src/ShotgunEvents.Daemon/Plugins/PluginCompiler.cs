using System.Runtime.CompilerServices;
using NLog;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>
/// Turns a .csx file into a loadable compiled plugin: from the on-disk cache when every file it was built from is
/// unchanged, else with Roslyn. Thread-safe; share one per daemon. Also what the <c>check</c> verb uses.
/// </summary>
internal sealed class PluginCompiler
{
    private readonly CompileCache? _cache;
    private int _roslynCompilations;
    private int _cacheHits;

    /// <summary>Creates a compiler.</summary>
    /// <param name="cacheDirectory">Where compiled plugins are cached; null or empty for no cache.</param>
    /// <param name="logFactory">Where cache problems are logged (the engine logger).</param>
    public PluginCompiler(string? cacheDirectory = null, LogFactory? logFactory = null)
    {
        if (!string.IsNullOrWhiteSpace(cacheDirectory))
        {
            _cache = new CompileCache(cacheDirectory, () => (logFactory ?? LogManager.LogFactory).GetLogger(LoggerNames.Engine));
        }
    }

    /// <summary>How many compilations went through Roslyn.</summary>
    public int RoslynCompilations => Volatile.Read(ref _roslynCompilations);

    /// <summary>How many compilations were served by the cache.</summary>
    public int CacheHits => Volatile.Read(ref _cacheHits);

    /// <summary>Compiles one plugin.</summary>
    /// <param name="path">The .csx file.</param>
    /// <returns>The compiled plugin, or its errors; never throws for a bad plugin.</returns>
    public CompileResult Compile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var name = Path.GetFileNameWithoutExtension(fullPath);
        if (_cache?.TryLoad(fullPath, name) is { } hit)
        {
            Interlocked.Increment(ref _cacheHits);
            return hit;
        }

        var result = CompileWithRoslyn(fullPath, name);
        Interlocked.Increment(ref _roslynCompilations);
        if (result.Script is { } script)
        {
            _cache?.Store(fullPath, name, script, result.Dependencies);
        }

        return result;
    }

    // Its own method, never inlined: the JIT loads the Roslyn assemblies only when this body is compiled, so a
    // daemon whose plugins all come from the cache never loads Roslyn at all.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CompileResult CompileWithRoslyn(string fullPath, string name) => RoslynScriptCompiler.Compile(fullPath, name);
}
