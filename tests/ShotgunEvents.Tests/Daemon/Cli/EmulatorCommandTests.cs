using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ShotgunEvents.Api;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>emulator</c> through the real command: a site a plugin author can connect to, snapshots, bad input.</summary>
public sealed partial class EmulatorCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Emulator_NoScript_PrintsTheAddressAndAMadeUpKeyThatConnects()
    {
        using var sandbox = new CliSandbox();
        using var emulator = CommandProcess.Start(sandbox.Root, "emulator", "--port", "0", "--seed", "demo");

        var address = await emulator.WaitForLineAsync(l => l.StartsWith("Emulated site at ", StringComparison.Ordinal), "the address", StartTimeout);
        var credentials = await emulator.WaitForLineAsync(l => l.Contains("script user: dev", StringComparison.Ordinal), "the made-up key", StartTimeout);
        var site = SiteAddress().Match(address).Groups[1].Value;
        var key = ScriptKey().Match(credentials).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", key);
        using (var client = new SiteClient(site, "dev", key))
        {
            var shots = await client.Shotgun.FindAsync("Shot", Filter.All(), "code");
            Assert.Equal(12, shots.Count); // the demo studio: three sequences of four shots
        }

        emulator.Terminate();
        Assert.Equal(0, await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Emulator_ScriptAndSnapshot_SavedOnSigterm_ThenServedAgainAsASeedWithoutBeingWritten()
    {
        using var sandbox = new CliSandbox();
        var snapshot = sandbox.Path("site.json");
        using (var first = CommandProcess.Start(sandbox.Root, "emulator", "--port", "0", "--seed", "empty", "--script", "tester:s3cret", "--snapshot", "site.json"))
        {
            var site = SiteAddress().Match(await first.WaitForLineAsync(l => l.StartsWith("Emulated site at ", StringComparison.Ordinal), "the address", StartTimeout)).Groups[1].Value;
            Assert.Contains("script user: tester  key: s3cret", first.Output, StringComparison.Ordinal);
            using (var client = new SiteClient(site, "tester", "s3cret"))
            {
                await client.Shotgun.CreateAsync("Shot", new { code = "cli_0010" });
            }

            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Contains("cli_0010", File.ReadAllText(snapshot), StringComparison.Ordinal);
        var saved = File.ReadAllBytes(snapshot);

        using (var second = CommandProcess.Start(sandbox.Root, "emulator", "--port", "0", "--seed", "site.json", "--script", "tester:s3cret"))
        {
            var site = SiteAddress().Match(await second.WaitForLineAsync(l => l.StartsWith("Emulated site at ", StringComparison.Ordinal), "the address", StartTimeout)).Groups[1].Value;
            using (var client = new SiteClient(site, "tester", "s3cret"))
            {
                Assert.NotNull(await client.Shotgun.FindOneAsync("Shot", Filter.Is("code", "cli_0010"), "code"));
                await client.Shotgun.CreateAsync("Shot", new { code = "cli_0020" });
            }

            second.Terminate();
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(saved, File.ReadAllBytes(snapshot)); // a seed file is read, never written
    }

    [Theory]
    [InlineData(new[] { "--seed", "nowhere.json" }, "--seed: 'nowhere.json' is not demo, empty or an existing snapshot file.")]
    [InlineData(new[] { "--script", "justaname" }, "--script: 'justaname:...' must be NAME:KEY.")]
    [InlineData(new[] { "--port", "70000" }, "--port: 70000 is not a port number")]
    [InlineData(new[] { "--latency", "-5" }, "--latency: -5 is not a number of milliseconds between 0 and 3600000.")]
    [InlineData(new[] { "--latency-jitter", "-1" }, "--latency-jitter: -1 is not a number of milliseconds between 0 and 3600000.")]
    [InlineData(new[] { "--webhook", "ftp://x/hook,s3cret" }, "--webhook: 'ftp://x/hook' is not an absolute http or https URL; the form is URL[,secret].")]
    [InlineData(new[] { "--webhook-batched" }, "--webhook-batched: needs --webhook URL[,secret].")]
    public async Task Emulator_BadInput_ExitsTwoWithOneLine(string[] args, string message)
    {
        using var sandbox = new CliSandbox();

        var result = await CommandProcess.RunAsync(sandbox.Root, ["emulator", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Emulator_Latency_PrintedAndAppliedToTheSite()
    {
        using var sandbox = new CliSandbox();
        using var emulator = CommandProcess.Start(sandbox.Root, "emulator", "--port", "0", "--seed", "empty", "--latency", "300", "--latency-jitter", "20");

        var address = await emulator.WaitForLineAsync(l => l.StartsWith("Emulated site at ", StringComparison.Ordinal), "the address", StartTimeout);
        await emulator.WaitForLineAsync(l => l.Contains("latency: 300 ms per call + up to 20 ms jitter", StringComparison.Ordinal), "the latency line", StartTimeout);
        using (var http = new HttpClient { BaseAddress = new Uri(SiteAddress().Match(address).Groups[1].Value) })
        {
            var status = await http.GetStringAsync("_emulator/status");
            Assert.Contains("\"latency_ms\":300", status.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("\"latency_jitter_ms\":20", status.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        emulator.Terminate();
        Assert.Equal(0, await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Emulator_PortInUse_ExitsOneNamingThePort()
    {
        using var sandbox = new CliSandbox();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await CommandProcess.RunAsync(sandbox.Root, "emulator", "--port", port);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"--port {port}: cannot listen", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Emulated site at (\S+)")]
    private static partial Regex SiteAddress();

    [GeneratedRegex(@"key: (\S+)")]
    private static partial Regex ScriptKey();
}
