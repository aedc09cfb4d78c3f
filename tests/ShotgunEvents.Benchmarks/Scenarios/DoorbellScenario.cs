using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ShotgunEvents.Benchmarks.Harness;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Emulator.Webhooks;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>doorbell</c>: the daemon polls every 30 s, its <c>[http]</c> listener takes the site's webhooks, and the emulator
/// sends one per event as a site does. Latency = callback start − the moment the write returned. Target: p99 ≤ 250 ms.
/// The daemon runs in its Generic Host, as <c>shotgun-events run</c> builds it (the listener lives there).
/// </summary>
internal static class DoorbellScenario
{
    public const double TargetP99Milliseconds = 250;
    private static readonly TimeSpan FetchInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<ScenarioReport> RunAsync(Sizes sizes, bool quick)
    {
        using var workspace = new Workspace();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var port = FreePort();
        var hook = new Uri($"http://127.0.0.1:{port}/webhook");
        await using var site = await BenchSite.StartAsync(webhooks: [new WebhookRegistration(hook, secret)]).ConfigureAwait(false);
        var directory = workspace.NewDirectory("doorbell");
        var plugins = Path.Combine(directory, "plugins");
        var names = PluginSources.WriteTrivialSet(plugins, 10, report: true);
        var ini = new DaemonIni
        {
            Directory = directory,
            PluginsDirectory = plugins,
            Site = site,
            FetchInterval = FetchInterval,
            StartFrom = "latest",
            HttpListen = $"127.0.0.1:{port}",
            WebhookSecret = secret,
        }.Write();

        CallbackSink.Reset();
        var settings = SettingsLoader.Load(ini);
        await using var runtime = await DaemonRuntime.CreateAsync(settings, new RuntimeFlags { EmbeddedActivity = false }, CancellationToken.None)
            .ConfigureAwait(false);
        using var host = DaemonHost.Build(runtime, _ => { });
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            await runtime.Engine.Started.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            await WaitAsync(() => runtime.Engine.Poller!.PollCount >= 1, TimeSpan.FromSeconds(30), "the first poll").ConfigureAwait(false);
            var pollsBefore = runtime.Engine.Poller!.PollCount;

            // Fewer writes a second than the live scenarios: each must be its own doorbell ring, not a poll's by-catch.
            var perSecond = Math.Max(1, sizes.EventsPerSecond / 4);
            var warm = await LiveWriter.WriteAsync(site, perSecond, WarmUp).ConfigureAwait(false);
            var visible = await LiveWriter.WriteAsync(site, perSecond, TimeSpan.FromSeconds(sizes.LatencySeconds)).ConfigureAwait(false);
            var expected = names.Count * (warm.Count + visible.Count);
            await WaitAsync(() => CallbackSink.Snapshot().Count >= expected, TimeSpan.FromSeconds(60), "the plugins to handle every event")
                .ConfigureAwait(false);

            var latencies = CallbackSink.Snapshot()
                .Where(r => visible.ContainsKey(r.EventId))
                .Select(r => CallbackSink.Milliseconds(visible[r.EventId], r.Timestamp))
                .ToList();
            var p = new Percentiles(latencies);
            Progress.Info($"doorbell: p50 {p.At(50):0.0} ms, p99 {p.At(99):0.0} ms");
            var p99 = p.At(99);
            return new ScenarioReport("doorbell", quick)
                .Add("events", visible.Count)
                .Add("events_per_s", perSecond)
                .Add("plugins", names.Count)
                .Add("fetch_interval_ms", FetchInterval.TotalMilliseconds)
                .Add("samples", p.Count)
                .Add("p50_ms", p.At(50))
                .Add("p90_ms", p.At(90))
                .Add("p99_ms", p99)
                .Add("max_ms", p.Max)
                .Add("polls", runtime.Engine.Poller!.PollCount - pollsBefore)
                .Target(p99 / TargetP99Milliseconds, $"p99_ms <= {TargetP99Milliseconds} with fetch_interval = 30 s (ratio = p99_ms / 250)",
                    p99 <= TargetP99Milliseconds && p.Count == visible.Count * names.Count);
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(5, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }
        }
    }
}
