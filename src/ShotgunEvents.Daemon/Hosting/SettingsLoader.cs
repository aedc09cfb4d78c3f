using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Finds and parses the configuration, and registers its secrets before anything can log them.</summary>
internal static class SettingsLoader
{
    /// <param name="cliPath">The <c>--config</c> argument, or null.</param>
    /// <param name="cliShard">The <c>--shard K/N</c> argument, or null: it overrides the config and the environment.</param>
    /// <exception cref="ConfigException">No file, or invalid values (every one of them).</exception>
    public static DaemonSettings Load(string? cliPath, string? cliShard = null)
    {
        var path = ConfigLocator.Resolve(cliPath, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
        var settings = ConfigLoader.Load(path, Environment.GetEnvironmentVariable);
        if (cliShard is not null)
        {
            settings = ShardsSectionReader.WithShard(settings, cliShard);
        }

        SecretMasker.Register(settings.Shotgun.ScriptKey);
        SecretMasker.Register(settings.Emails.Password);
        return settings;
    }
}
