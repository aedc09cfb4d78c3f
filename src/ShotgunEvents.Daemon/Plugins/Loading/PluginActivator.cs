using System.Reflection;
using System.Runtime.CompilerServices;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>
/// Starts a compiled plugin: a new collectible context, the script's top-level code, then its
/// <c>registerCallbacks(Registrar)</c>. Any failure unloads the context again and says why.
/// </summary>
internal static class PluginActivator
{
    private const BindingFlags AnyMethod = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    // Never inlined, and everything that touches plugin objects stays inside it: a long-running caller's stack slot
    // must not be what keeps an old generation alive (tier-0 code keeps temporaries alive for the whole method).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<PluginLoadState> ActivateAsync(CompiledScript script, PluginIdentity identity, IReadOnlyList<PluginDiagnostic> diagnostics)
    {
        var context = new PluginLoadContext(identity.Name);
        Registrar? registrar = null;
        try
        {
            context.LoadPrivateReferences(script.PrivateReferences);
            var type = context.LoadScript(script).GetType(script.TypeName, throwOnError: true)!;
            var factory = type.GetMethod(script.FactoryName, AnyMethod)
                ?? throw new InvalidOperationException($"The compiled plugin has no {script.FactoryName} method.");
            var globals = new PluginGlobals(identity.Name, identity.Path, identity.Logger, identity.Settings);

            // Slot 0 holds the globals; the script's constructor puts its own instance in slot 1.
            var submissions = new object?[] { globals, null };
            var run = (Task)factory.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [submissions], null)!;
            await run.ConfigureAwait(false);

            var register = FindRegisterCallbacks(type, identity, out var problem);
            if (register is null)
            {
                return Fail(context, null, problem!, identity, diagnostics, exception: null);
            }

            registrar = new Registrar(identity.Name, identity.Path, identity.Logger, identity.Settings, identity.CallbackLoggers, identity.Host);
            // A log level belongs to one load: this registerCallbacks starts from the daemon's, whatever the last one set.
            identity.Host?.ApplyLogLevel(null);
            var result = register.Invoke(register.IsStatic ? null : submissions[1], BindingFlags.DoNotWrapExceptions, null, [registrar], null);
            if (result is Task task)
            {
                await task.ConfigureAwait(false);
            }

            registrar.Close();
            return PluginLoadState.Loaded(new PluginGeneration(context, registrar), diagnostics);
        }
        catch (PluginSettingException ex) when (registrar is not null)
        {
            // A missing setting is the plugin's own message (RequireEnv, RequireSetting): no stack trace to read past.
            return Fail(context, registrar, ex.Message, identity, diagnostics, exception: null);
        }
        catch (Exception ex)
        {
            var stage = registrar is null ? "Could not load the plugin" : "Error running registerCallbacks of the plugin";
            return Fail(context, registrar, $"{stage}: {ex.GetType().Name}: {ex.Message}", identity, diagnostics, ex);
        }
    }

    private static MethodInfo? FindRegisterCallbacks(Type type, PluginIdentity identity, out string? problem)
    {
        var candidates = type.GetMethods(AnyMethod).Where(m => RegisterCallbacksRule.IsCandidateName(m.Name)).ToArray();
        var usable = candidates.Where(m => m.GetParameters() is [{ ParameterType: var p }] && p == typeof(Registrar)).ToArray();
        problem = RegisterCallbacksRule.Problem([.. candidates.Select(m => m.Name)], usable.Length) is { } text
            ? $"{identity.Path}: {text}"
            : null;
        return problem is null ? usable[0] : null;
    }

    private static PluginLoadState Fail(PluginLoadContext context, Registrar? registrar, string reason, PluginIdentity identity,
        IReadOnlyList<PluginDiagnostic> diagnostics, Exception? exception)
    {
        identity.Logger.Error(exception, "{0} ({1}). The plugin is inactive until its file changes.", reason, identity.Path);
        registrar?.Release();
        context.Unload();
        return PluginLoadState.Failed(reason, diagnostics);
    }
}
