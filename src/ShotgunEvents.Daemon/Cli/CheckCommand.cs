using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>check</c>: the configuration and every plugin compiled, each problem on its own line as
/// <c>file(line,col): message</c> or <c>daemon.ini [section] key: reason</c>. Fast enough for a pre-commit hook:
/// no site contact, and the compile cache makes unchanged plugins free.
/// </summary>
internal static class CheckCommand
{
    public static Task<int> RunAsync(CheckOptions options, TextWriter output)
    {
        var explicitPaths = options.Paths.ToArray();
        string? cacheDirectory = null;
        var targets = new List<string>();
        if (explicitPaths.Length == 0)
        {
            var settings = SettingsLoader.Load(options.Config);
            foreach (var warning in settings.Warnings)
            {
                output.WriteLine(warning.ToString());
            }

            targets.AddRange(settings.Plugins.Paths.Select(p => p.FullPath));
            cacheDirectory = settings.Daemon.CompileCacheDirectory;
        }
        else
        {
            targets.AddRange(explicitPaths.Select(Path.GetFullPath));
        }

        var compiler = new PluginCompiler(cacheDirectory);
        var files = 0;
        var failed = 0;
        foreach (var file in targets.SelectMany(PluginFiles))
        {
            files++;
            var result = compiler.Compile(file);
            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }

            if (!result.Success)
            {
                failed++;
            }
        }

        output.WriteLine(failed == 0
            ? $"OK: {files} plugin(s) compiled."
            : $"{failed} of {files} plugin(s) failed to compile.");
        return Task.FromResult(failed == 0 ? ExitCodes.Ok : ExitCodes.Failure);
    }

    private static IEnumerable<string> PluginFiles(string target)
    {
        if (File.Exists(target))
        {
            return [target];
        }

        if (!Directory.Exists(target))
        {
            throw new UserErrorException($"{target}: no such plugin file or directory.");
        }

        return Directory.EnumerateFiles(target, "*.csx", SearchOption.TopDirectoryOnly)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
    }
}
