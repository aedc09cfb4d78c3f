namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// Finds the config file: <c>--config PATH</c>, else <c>$SHOTGUN_EVENTS_CONFIG</c>, else <c>./daemon.ini</c>, else
/// <c>/etc/shotgun-events/daemon.ini</c>. A path given explicitly (flag or variable) must exist: falling back to
/// another file would silently run a different configuration.
/// </summary>
internal static class ConfigLocator
{
    /// <summary>The environment variable naming the config file.</summary>
    public const string EnvironmentVariable = "SHOTGUN_EVENTS_CONFIG";

    /// <summary>The file looked for in the working directory.</summary>
    public const string FileName = "daemon.ini";

    /// <summary>The system-wide config file.</summary>
    public const string SystemPath = "/etc/shotgun-events/daemon.ini";

    /// <summary>Returns the absolute path of the config file to use.</summary>
    /// <param name="cliPath">The <c>--config</c> argument, or null.</param>
    /// <param name="env">Reads one environment variable.</param>
    /// <param name="currentDir">The working directory (relative paths are resolved against it).</param>
    /// <exception cref="ConfigException">No file was found; the message lists what was searched.</exception>
    public static string Resolve(string? cliPath, Func<string, string?> env, string currentDir)
    {
        if (!string.IsNullOrWhiteSpace(cliPath))
        {
            return Existing(Path.GetFullPath(cliPath, currentDir), "--config");
        }

        var fromEnv = env(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Existing(Path.GetFullPath(fromEnv, currentDir), "$" + EnvironmentVariable);
        }

        var local = Path.Join(currentDir, FileName);
        if (File.Exists(local))
        {
            return Path.GetFullPath(local);
        }

        if (File.Exists(SystemPath))
        {
            return SystemPath;
        }

        throw Error(FileName,
            $"no config file found; searched --config (not given), ${EnvironmentVariable} (not set), {local}, {SystemPath}. " +
            "To get one: `shotgun-events init` writes a commented daemon.ini (the embedded demo site) and a scripts/ folder " +
            "with one plugin into this folder; then run again.");
    }

    private static string Existing(string path, string source) =>
        File.Exists(path)
            ? path
            : throw Error(Path.GetFileName(path), Directory.Exists(path)
                ? $"{path} (from {source}) is a directory, not a config file"
                : $"{path} (from {source}) does not exist");

    private static ConfigException Error(string file, string message) =>
        new([new ConfigDiagnostic(file, null, null, null, message)]);
}
