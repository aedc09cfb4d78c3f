using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// The whole <c>daemon.ini</c>, typed and validated (<see cref="ConfigLoader.Load(string, Func{string, string})"/>).
/// Immutable; every section defaults to the documented values. <see cref="ToString"/> shows no secret: not the
/// script key, not the SMTP password, not the values of <c>[plugin_settings]</c>.
/// </summary>
internal sealed record DaemonSettings
{
    /// <summary>The absolute path of the config file ("" when built in code).</summary>
    public string ConfigPath { get; init; } = "";

    /// <summary><c>[daemon]</c>.</summary>
    public DaemonSection Daemon { get; init; } = new();

    /// <summary><c>[shotgun]</c>.</summary>
    public ShotgunSection Shotgun { get; init; } = new();

    /// <summary><c>[emulator]</c>: the embedded site's schema.</summary>
    public EmulatorSection Emulator { get; init; } = new();

    /// <summary><c>[plugins]</c>.</summary>
    public PluginsSection Plugins { get; init; } = new();

    /// <summary><c>[emails]</c>.</summary>
    public EmailsSection Emails { get; init; } = new();

    /// <summary><c>[http]</c>: the optional listener (off by default).</summary>
    public HttpSection Http { get; init; } = new();

    /// <summary><c>[daemon] shard</c> and <c>[shards]</c>: which plugins this daemon runs (all, unsharded).</summary>
    public ShardsSection Shards { get; init; } = new();

    /// <summary>
    /// <c>[plugin_settings]</c>: free keys for plugins (looked up without case, values interpolated like any other).
    /// Values may be secrets, so <see cref="ToString"/> lists only the keys.
    /// </summary>
    public IReadOnlyDictionary<string, string> PluginSettings { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Problems that do not stop the daemon (unknown keys and sections, ...): log them at start.</summary>
    public IReadOnlyList<ConfigDiagnostic> Warnings { get; init; } = [];

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ConfigPath = ").Append(ConfigPath)
            .Append(", Daemon = ").Append(Daemon)
            .Append(", Shotgun = ").Append(Shotgun)
            .Append(", Emulator = ").Append(Emulator)
            .Append(", Plugins = ").Append(Plugins)
            .Append(", Emails = ").Append(Emails)
            .Append(", Http = ").Append(Http)
            .Append(", Shards = ").Append(Shards.Shard?.ToString() ?? "(all)")
            .Append(", PluginSettings = [").AppendJoin(", ", PluginSettings.Keys).Append(']');
        return true;
    }
}
