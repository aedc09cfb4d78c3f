using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>The outcome of compiling one plugin (from the cache or with Roslyn).</summary>
internal sealed class CompileResult
{
    /// <summary>Creates a result.</summary>
    public CompileResult(string pluginPath, CompiledScript? script, IReadOnlyList<PluginDiagnostic> diagnostics,
        IReadOnlyList<FileStamp> dependencies, bool fromCache, TimeSpan elapsed)
    {
        PluginPath = pluginPath;
        Script = script;
        Diagnostics = diagnostics;
        Dependencies = dependencies;
        FromCache = fromCache;
        Elapsed = elapsed;
    }

    /// <summary>The plugin's full path.</summary>
    public string PluginPath { get; }

    /// <summary>True when the plugin compiled.</summary>
    public bool Success => Script is not null;

    /// <summary>The compiled plugin; null when it did not compile.</summary>
    public CompiledScript? Script { get; }

    /// <summary>Every error and warning, ordered by file and position (empty for a cache hit).</summary>
    public IReadOnlyList<PluginDiagnostic> Diagnostics { get; }

    /// <summary>The errors only.</summary>
    public IEnumerable<PluginDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>
    /// Every file the result depends on, as read: the plugin, each <c>#load</c>ed file and each <c>#r</c>'d DLL,
    /// including referenced files that do not exist yet (creating one triggers a reload).
    /// </summary>
    public IReadOnlyList<FileStamp> Dependencies { get; }

    /// <summary>True when the compiled plugin came from the on-disk cache (Roslyn not used).</summary>
    public bool FromCache { get; }

    /// <summary>How long compiling (or the cache lookup) took.</summary>
    public TimeSpan Elapsed { get; }
}
