namespace ShotgunEvents.Daemon.Config;

/// <summary><c>[plugins]</c>: where the plugin collections live.</summary>
internal sealed record PluginsSection
{
    /// <summary><c>paths</c>: the collections, in config order (the order plugins see each event in <c>serial</c> mode).</summary>
    public IReadOnlyList<PluginCollectionPath> Paths { get; init; } = [];

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Paths = [").AppendJoin(", ", Paths.Select(p => p.FullPath)).Append(']');
        return true;
    }
}
