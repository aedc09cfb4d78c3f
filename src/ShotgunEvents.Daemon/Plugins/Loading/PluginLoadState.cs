namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>The outcome of one (re)load attempt: a running generation, or why there is none.</summary>
internal sealed class PluginLoadState
{
    private PluginLoadState(PluginGeneration? generation, string? failure, IReadOnlyList<PluginDiagnostic> diagnostics)
    {
        Generation = generation;
        Failure = failure;
        Diagnostics = diagnostics;
    }

    /// <summary>The loaded generation; null when the load failed.</summary>
    public PluginGeneration? Generation { get; private set; }

    /// <summary>Why the plugin is inactive; null when it loaded.</summary>
    public string? Failure { get; }

    /// <summary>The compiler's errors and warnings for this load.</summary>
    public IReadOnlyList<PluginDiagnostic> Diagnostics { get; }

    public static PluginLoadState Loaded(PluginGeneration generation, IReadOnlyList<PluginDiagnostic> diagnostics) =>
        new(generation, null, diagnostics);

    public static PluginLoadState Failed(string reason, IReadOnlyList<PluginDiagnostic> diagnostics) => new(null, reason, diagnostics);

    /// <summary>Takes the generation out (for unloading), so this state no longer references it.</summary>
    public PluginGeneration? TakeGeneration()
    {
        var generation = Generation;
        Generation = null;
        return generation;
    }
}
