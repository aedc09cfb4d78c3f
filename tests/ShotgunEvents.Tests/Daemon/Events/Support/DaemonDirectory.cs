using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>
/// A temp directory laid out for a daemon process: daemon.ini pointing at a site the test hosts, a plugin directory,
/// a records directory (<c>Setting("record_dir")</c>), the state file and logs.
/// </summary>
internal sealed class DaemonDirectory : IDisposable
{
    public const string CollectionKey = "plugins";

    private readonly EmulatorServer _site;
    private readonly int _shotId;
    private int _writes;

    public DaemonDirectory(EmulatorServer site, string daemonSection, string logging = "INFO", string compileCache = "state/compile-cache",
        string logPath = "logs", string stateFile = "state/state.json")
    {
        _site = site;
        Root = Path.Combine(Path.GetTempPath(), "sge-daemon-" + Guid.NewGuid().ToString("N")[..12]);
        Plugins = Path.Combine(Root, CollectionKey);
        Records = Path.Combine(Root, "records");
        Directory.CreateDirectory(Plugins);
        Directory.CreateDirectory(Records);
        StatePath = Path.GetFullPath(Path.Combine(Root, stateFile));
        ConfigPath = Path.Combine(Root, "daemon.ini");
        // Relative paths are relative to the config file's directory; the collection key is the path as written.
        File.WriteAllText(ConfigPath, $"""
            [daemon]
            eventIdFile = {stateFile}
            logPath = {logPath}
            logFile = daemon.log
            logMode = 1
            logging = {logging}
            conn_retry_sleep = 1
            max_conn_retries = 5
            compile_cache = {compileCache}
            plugin_rescan_interval = 5
            {daemonSection}

            [shotgun]
            server = {site.BaseUri}
            name = {EngineHarness.ScriptName}
            key = {EngineHarness.ScriptKey}
            use_session_uuid = false
            timeout = 20
            max_retries = 1

            [plugins]
            paths = {CollectionKey}

            [emails]
            enabled = false

            [plugin_settings]
            record_dir = {Records}
            """);
        _shotId = (int)site.Store.Create("Shot", new JObject { ["code"] = "sh010" })["id"]!;
    }

    public string Root { get; }

    public string Plugins { get; }

    public string Records { get; }

    public string StatePath { get; }

    public string ConfigPath { get; }

    public string EngineLog => Path.Combine(Root, "logs", "daemon.log");

    public void AddPlugin(string fixture, string name) => File.Copy(EngineHarness.Fixture(fixture), Path.Combine(Plugins, name + ".csx"), overwrite: true);

    public IReadOnlyList<long> Recorded(string plugin) => RecordFile.Read(Path.Combine(Records, plugin + ".ids"));

    /// <summary>Single-field updates, one event each, as a person editing a shot makes them.</summary>
    public void Updates(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _site.Store.Update("Shot", _shotId, new JObject { ["description"] = "edit " + Interlocked.Increment(ref _writes) });
        }
    }

    public DaemonProcess Start(params string[] extra) => DaemonProcess.Start(Root, ["run", "--config", ConfigPath, .. extra]);

    /// <summary>Starts <c>run</c> with these environment variables set (null removes one).</summary>
    public DaemonProcess StartWith(IReadOnlyDictionary<string, string?> environment) =>
        DaemonProcess.Start(Root, environment, ["run", "--config", ConfigPath]);

    /// <summary>The engine log, if there is one yet.</summary>
    public string ReadEngineLog()
    {
        try
        {
            using var stream = new FileStream(EngineLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
