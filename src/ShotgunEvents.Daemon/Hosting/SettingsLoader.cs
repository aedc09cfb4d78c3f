using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Finds and parses the configuration, and registers its secrets before anything can log them.</summary>
internal static class SettingsLoader
{
    /// <exception cref="ConfigException">No file, or invalid values (every one of them).</exception>
    public static DaemonSettings Load(string? cliPath)
    {
        var path = ConfigLocator.Resolve(cliPath, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
        var settings = ConfigLoader.Load(path, Environment.GetEnvironmentVariable);
        SecretMasker.Register(settings.Shotgun.ScriptKey);
        SecretMasker.Register(settings.Emails.Password);
        return settings;
    }
}
