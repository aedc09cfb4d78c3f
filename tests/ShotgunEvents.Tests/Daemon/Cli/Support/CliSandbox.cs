using System.Runtime.CompilerServices;

namespace ShotgunEvents.Tests.Daemon.Cli.Support;

/// <summary>A temporary working directory for one test's commands: config, plugins, state, logs. Removed on dispose.</summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sgevents-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ConfigPath => Path(DaemonIni);

    public string StatePath => Path("state", "shotgun-events.state.json");

    public const string DaemonIni = "daemon.ini";

    /// <summary>The repository's root (for scripts/, examples/, daemon.ini).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Fixture(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cli", name);

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public string Write(string relativePath, string content)
    {
        var full = Path(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Copies a fixture plugin into <c>plugins/</c> (or another directory), optionally under another name.</summary>
    public string AddPlugin(string fixture, string? name = null, string directory = "plugins")
    {
        var target = Path(directory, (name ?? System.IO.Path.GetFileNameWithoutExtension(fixture)) + ".csx");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(Fixture(fixture), target, overwrite: true);
        return target;
    }

    /// <summary>A daemon.ini for a site (or <c>embedded</c>), its state and logs inside the sandbox.</summary>
    public void WriteConfig(string server, string? scriptName = null, string? scriptKey = null, string daemonExtra = "",
        string plugins = "plugins", string stateFile = "state/shotgun-events.state.json", string emails = "enabled = false")
    {
        var credentials = scriptName is null ? string.Empty : $"name = {scriptName}\nkey = {scriptKey}\n";
        Write(DaemonIni, $"""
            [daemon]
            eventIdFile = {stateFile}
            logPath = logs
            logFile = shotgun-events.log
            logMode = 1
            logging = INFO
            fetch_interval = 0.2
            shutdown_timeout = 10
            {daemonExtra}

            [shotgun]
            server = {server}
            {credentials}
            [plugins]
            paths = {plugins}

            [emails]
            {emails}
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process that was killed may still hold a file for a moment; the temp directory is cleaned later.
        }
    }

    private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        // The test output lives under the repository unless an artifacts path moved it; the source path then tells.
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "ShotgunEvents.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"The repository root (ShotgunEvents.sln) is not above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
