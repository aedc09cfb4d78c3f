using NLog;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Compilation;
using ShotgunEvents.Daemon.Plugins.Loading;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>
/// One (re)load attempt of a plugin: compile (or take from the cache), log the diagnostics on the plugin's logger,
/// start it in a new context. Never throws for a bad plugin: the result says why it is inactive.
/// </summary>
internal sealed class PluginLoader(PluginHostOptions options, PluginCompiler compiler, Logger engineLog)
{
    public async Task<PluginLoadResult> LoadAsync(Plugin plugin)
    {
        CompileResult compiled;
        try
        {
            compiled = compiler.Compile(plugin.FilePath);
        }
        catch (Exception ex)
        {
            plugin.Logger.Error(ex, "Could not compile the plugin at {0}; it is inactive until its file changes.", plugin.FilePath);
            return new PluginLoadResult(PluginLoadState.Failed($"compiling failed: {ex.GetType().Name}: {ex.Message}", []),
                [FileStamp.Of(plugin.FilePath)]);
        }

        foreach (var diagnostic in compiled.Diagnostics)
        {
            plugin.Logger.Log(diagnostic.IsError ? LogLevel.Error : LogLevel.Warn, diagnostic.ToString());
        }

        if (compiled.Script is null)
        {
            var errors = compiled.Errors.ToArray();
            plugin.Logger.Error("Plugin {0} did not compile ({1} error(s)); it is inactive until its file changes.", plugin.Name, errors.Length);
            var first = errors.FirstOrDefault()?.ToString() ?? "unknown error";
            return new PluginLoadResult(PluginLoadState.Failed($"{errors.Length} compile error(s), first: {first}", compiled.Diagnostics),
                compiled.Dependencies);
        }

        var state = await PluginActivator.ActivateAsync(compiled.Script, Identity(plugin), compiled.Diagnostics).ConfigureAwait(false);
        if (state.Generation is { } generation)
        {
            foreach (var callback in generation.Callbacks)
            {
                SecretMasker.Register(callback.ScriptKey);
            }

            engineLog.Info("Plugin {0} loaded ({1}, {2:0} ms): {3} callback(s).", plugin.Name,
                compiled.FromCache ? "from the compile cache" : "compiled", compiled.Elapsed.TotalMilliseconds, generation.Callbacks.Count);
        }

        return new PluginLoadResult(state, compiled.Dependencies);
    }

    private PluginIdentity Identity(Plugin plugin)
    {
        var factory = options.LogFactory;
        var name = plugin.Name;
        return new PluginIdentity(name, plugin.FilePath, plugin.Logger,
            callback => factory.GetLogger(PluginLoggerNames.Callback(name, callback)), options.Settings, plugin.RegistrarHost);
    }
}
