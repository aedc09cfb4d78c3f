using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// The real daemon process and the promises an operator relies on: SIGTERM ends it in time whatever a callback does,
/// a read-only disk is said and never called written, the systemd watchdog is fed, <c>compile_cache = off</c> means off.
/// </summary>
public sealed class DaemonLifecycleTests
{
    private const int ShutdownSeconds = 2;

    [Theory]
    [InlineData("per_plugin")]
    [InlineData("serial")]
    public async Task Run_SigtermWhileACallbackBlocksForGood_ExitsZeroWithinShutdownTimeoutPlusFiveSecondsWithTheStateWritten(string concurrency)
    {
        await using var site = await StartSiteAsync();
        using var dir = new DaemonDirectory(site, $"""
            fetch_interval = 0.05
            start_from = latest
            plugin_concurrency = {concurrency}
            shutdown_timeout = {ShutdownSeconds}
            """);
        dir.AddPlugin("recorder.csx", "good");
        dir.AddPlugin("stuck_sync.csx", "stuck");
        var latest = site.Store.LatestEventId;
        using var daemon = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "good") == latest || daemon.HasExited,
            "the daemon starts", TimeSpan.FromSeconds(60));
        dir.Updates(3);
        await Eventually.TrueAsync(() => dir.Recorded("stuck").Count == 1 && dir.Recorded("good").Count >= 1, "stuck holds its first event",
            TimeSpan.FromSeconds(30));
        if (concurrency == "per_plugin")
        {
            await Eventually.TrueAsync(() => dir.Recorded("good").Count == 3, "good handles every event", TimeSpan.FromSeconds(30));
        }

        var clock = Stopwatch.StartNew();
        daemon.Terminate();
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(ShutdownSeconds + 30));
        var took = clock.Elapsed;
        File.WriteAllText(Path.Combine(dir.Records, "release"), "");

        Assert.True(took <= TimeSpan.FromSeconds(ShutdownSeconds + 5), $"exit {took.TotalSeconds:0.0} s after SIGTERM\n{daemon.Output}");
        Assert.Equal(0, code);
        Assert.Contains("stuck.Record on event", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped; state written", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(latest, StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "stuck"));
        Assert.Equal(dir.Recorded("good")[^1], StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "good"));
    }

    [MountFact]
    public async Task Run_StateFolderTurnsReadOnly_StopSaysTheStateWasNotWrittenAndExitsOne()
    {
        using var mount = ReadOnlyMount.Create();
        await using var site = await StartSiteAsync();
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            """, stateFile: Path.Combine(mount.Path, "state.json"));
        dir.AddPlugin("recorder.csx", "rec");
        var latest = site.Store.LatestEventId;
        using var daemon = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec") == latest || daemon.HasExited,
            "the daemon starts", TimeSpan.FromSeconds(60));

        mount.MakeReadOnly();
        dir.Updates(3);
        await Eventually.TrueAsync(() => dir.Recorded("rec").Count == 3, "the plugin carries on", TimeSpan.FromSeconds(30));
        daemon.Terminate();
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, code);
        Assert.Contains("Stopped, but the state was NOT written", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Stopped; state written", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(latest, StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec")); // what the file really holds
    }

    [MountFact]
    public async Task Run_LogFolderReadOnly_SaysSoOnceOnTheConsoleAtStart()
    {
        using var mount = ReadOnlyMount.Create();
        mount.MakeReadOnly();
        await using var site = await StartSiteAsync();
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            """, logPath: mount.Path);
        dir.AddPlugin("recorder.csx", "rec");
        var latest = site.Store.LatestEventId;
        using var daemon = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec") == latest || daemon.HasExited,
            "the daemon starts", TimeSpan.FromSeconds(60));
        dir.Updates(2);
        await Eventually.TrueAsync(() => dir.Recorded("rec").Count == 2 || daemon.HasExited, "the daemon runs", TimeSpan.FromSeconds(60));
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var said = daemon.Output.Split('\n').Count(l => l.Contains($"the log folder {mount.Path} cannot be written", StringComparison.Ordinal));
        Assert.Equal(1, said);
    }

    [Fact]
    public async Task Run_UnderTheSystemdWatchdog_PingsItFromThePollLoop()
    {
        await using var site = await StartSiteAsync();
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            """);
        dir.AddPlugin("recorder.csx", "rec");
        var socketPath = Path.Combine(dir.Root, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        using var daemon = dir.StartWith(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = socketPath, ["WATCHDOG_USEC"] = "10000000" });

        var pings = 0;
        var buffer = new byte[512];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (pings < 2)
        {
            var read = await notify.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (Encoding.UTF8.GetString(buffer, 0, read).Contains("WATCHDOG=1", StringComparison.Ordinal))
            {
                pings++;
            }
        }

        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, pings);
    }

    [Fact]
    public async Task Run_CompileCacheOff_WritesNoCache()
    {
        await using var site = await StartSiteAsync();
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            """, compileCache: "off");
        dir.AddPlugin("recorder.csx", "rec");
        var latest = site.Store.LatestEventId;
        using var daemon = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec") == latest || daemon.HasExited,
            "the daemon starts", TimeSpan.FromSeconds(60));
        dir.Updates(1);
        await Eventually.TrueAsync(() => dir.Recorded("rec").Count == 1 || daemon.HasExited, "the plugin runs", TimeSpan.FromSeconds(60));
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(dir.StatePath)!, "compile-cache")), "a compile-cache beside the state");
        Assert.Empty(Directory.EnumerateDirectories(dir.Root, "*cache*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Status_PluginStuckBesideAGoodOne_ShowsItStuckAndLetGoWithALagThatGrows()
    {
        await using var site = await StartSiteAsync();
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            callback_timeout = 0.3
            shutdown_timeout = 1
            """);
        dir.AddPlugin("recorder.csx", "good");
        dir.AddPlugin("stuck_sync.csx", "stuck");
        var latest = site.Store.LatestEventId;
        using var daemon = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "good") == latest || daemon.HasExited,
            "the daemon starts", TimeSpan.FromSeconds(60));
        dir.Updates(3);
        await Eventually.TrueAsync(() => dir.Recorded("good").Count == 3 && dir.Recorded("stuck").Count == 1, "good runs, stuck holds its event",
            TimeSpan.FromSeconds(30));

        var first = await StatusLineAsync(dir, "stuck", "(let go by the head");
        dir.Updates(4);
        await Eventually.TrueAsync(() => dir.Recorded("good").Count == 7, "good runs on", TimeSpan.FromSeconds(30));
        var second = await StatusLineAsync(dir, "stuck", "(let go by the head");

        Assert.Contains($"(a callback is stuck on event {latest + 1} for ", first, StringComparison.Ordinal);
        Assert.Equal(3, LagIds(first));
        Assert.Equal(7, LagIds(second));
        Assert.Equal(0, LagIds(await StatusLineAsync(dir, "good", "")));
        daemon.Terminate();
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));
        File.WriteAllText(Path.Combine(dir.Records, "release"), "");
    }

    /// <summary>The plugin's line of <c>status</c>, run as its own process, once it contains <paramref name="expected"/>.</summary>
    private static async Task<string> StatusLineAsync(DaemonDirectory dir, string plugin, string expected)
    {
        var line = "";
        await Eventually.TrueAsync(async () =>
        {
            using var status = DaemonProcess.Start(dir.Root, "status", "--config", dir.ConfigPath);
            await status.WaitForExitAsync(TimeSpan.FromSeconds(60));
            line = status.Output.Split('\n').FirstOrDefault(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var name, ..] && name == plugin) ?? "";
            return line.Contains(expected, StringComparison.Ordinal);
        }, $"status shows {plugin} with '{expected}' (last: {line})", TimeSpan.FromSeconds(90));
        return line;
    }

    /// <summary>The LAG IDS column of a status line.</summary>
    private static long LagIds(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5], System.Globalization.CultureInfo.InvariantCulture);

    private static Task<EmulatorServer> StartSiteAsync() => EmulatorServer.StartAsync(new EmulatorOptions
    {
        Port = 0,
        Scripts = [new ScriptCredential(EngineHarness.ScriptName, EngineHarness.ScriptKey)],
    });
}
