using System.Runtime.CompilerServices;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>
/// One loaded version of a plugin: its load context and what its <c>registerCallbacks</c> registered. Replaced as a
/// whole by a reload, then unloaded.
/// </summary>
internal sealed class PluginGeneration
{
    private PluginLoadContext? _context;

    public PluginGeneration(PluginLoadContext context, Registrar registrar)
    {
        _context = context;
        Registrar = registrar;
        ContextName = context.Name ?? "plugin";
    }

    /// <summary>The registrar: callbacks, email recipients.</summary>
    public Registrar Registrar { get; }

    /// <summary>The callbacks, in registration order.</summary>
    public IReadOnlyList<CallbackRegistration> Callbacks => Registrar.Callbacks;

    /// <summary>The load context's name (<c>plugin:&lt;name&gt;#N</c>).</summary>
    public string ContextName { get; }

    /// <summary>
    /// Drops every host reference into the plugin's code and starts unloading its context. Call only when no event
    /// is in flight on this generation. Never inlined, so no caller's stack slot keeps the context alive.
    /// </summary>
    /// <returns>A weak reference to the context, to verify it really goes.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public WeakReference Unload()
    {
        Registrar.Release();
        var context = _context;
        _context = null;
        if (context is null)
        {
            return new WeakReference(null);
        }

        var weak = new WeakReference(context);
        context.Unload();
        return weak;
    }
}
