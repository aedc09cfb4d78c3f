using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// Compiles a throwaway script on a spare core while <c>run</c> starts the site and the host. The first Roslyn compile
/// of a process is mostly JIT work (seconds on a busy machine); doing it in parallel with start-up shortens the time to
/// the first plugin loaded, which the first run on a clean clone shows. The result is discarded.
/// </summary>
internal static class CompilerWarmUp
{
    private const string Source = """
        void registerCallbacks(Registrar reg) =>
            reg.RegisterCallback(async (IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
            {
                var found = await sg.FindOneAsync("Shot", Filter.Is("id", e.Entity!.Id), "code");
                log.Info("{0} {1}", e.Meta["new_value"], found?["code"]);
            }, new MatchEvents { ["Shotgun_Shot_Change"] = ["sg_status_list"] });
        """;

    public static Task Start() => Task.Run(Run);

    /// <summary>
    /// Starts the warm-up unless every plugin file has a compile cache entry: then no plugin needs Roslyn, and on two
    /// cores the warm-up's seconds of JIT were taken from the start it was meant to shorten (the cache key's host
    /// identity is computed ahead by <see cref="StartupWarmUp"/> instead).
    /// </summary>
    /// <param name="pluginDirectories">The configured plugin directories.</param>
    /// <param name="cacheDirectory">The compile cache directory, or null when it is off (every plugin is compiled).</param>
    public static Task StartUnlessCached(IEnumerable<string> pluginDirectories, string? cacheDirectory)
    {
        if (cacheDirectory is null)
        {
            return Start();
        }

        var cache = new CompileCache(cacheDirectory, () => NLog.LogManager.GetLogger(Logging.LoggerNames.Engine));
        try
        {
            var allCached = pluginDirectories.All(directory => Directory.EnumerateFiles(directory, "*.csx")
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .All(f => cache.HasEntry(Path.GetFullPath(f), Path.GetFileNameWithoutExtension(f))));
            return allCached ? Task.CompletedTask : Start();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // The collection reports an unreadable directory itself; warming up costs nothing then.
            return Start();
        }
    }

    private static void Run()
    {
        try
        {
            var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
            var compilation = CSharpCompilation.CreateScriptCompilation("ShotgunEvents.WarmUp", tree,
                HostMetadataReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: HostReferences.DefaultUsings,
                    nullableContextOptions: NullableContextOptions.Enable),
                globalsType: typeof(PluginGlobals));
            using var pe = new MemoryStream();
            compilation.Emit(pe);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or InvalidOperationException or ArgumentException)
        {
            // Only a head start: the real compiles report their own problems.
        }
    }
}
