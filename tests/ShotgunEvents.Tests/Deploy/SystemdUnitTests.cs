using System.Globalization;
using System.Text.RegularExpressions;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Tests.Daemon.Cli.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>
/// examples/deploy/systemd: the unit passes <c>systemd-analyze verify</c> and scores 3.0 or less in
/// <c>systemd-analyze security</c>, and its install steps work as written with the daemon.ini shipped for /etc.
/// </summary>
public sealed partial class SystemdUnitTests
{
    private static readonly string Folder = Path.Combine(CliSandbox.RepositoryRoot, "examples", "deploy", "systemd");
    private static readonly string Unit = Path.Combine(Folder, "shotgun-events.service");

    /// <summary>The systemd-analyze on PATH, or null.</summary>
    public static string? SystemdAnalyze { get; } = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);

    [SystemdAnalyzeFact]
    public async Task Verify_TheUnit_IsClean()
    {
        var (code, output) = await ExternalProcess.RunAsync(SystemdAnalyze!, Folder, ["verify", Unit], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        Assert.Equal(string.Empty, output.Trim());
    }

    [SystemdAnalyzeFact]
    public async Task Security_TheUnit_ScoresThreeOrLess()
    {
        var (code, output) = await ExternalProcess.RunAsync(SystemdAnalyze!, Folder, ["security", "--offline=true", "--no-pager", Unit], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        var exposure = double.Parse(Exposure().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= 3.0, $"exposure {exposure}:\n{output}");
        // The figure the unit's header states is the one measured.
        Assert.Contains($"scores it {exposure.ToString("0.0", CultureInfo.InvariantCulture)} on", File.ReadAllText(Unit), StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_HasTheDirectoriesUserFiltersWatchdogAndRestartPolicy()
    {
        var directives = Directives(File.ReadAllText(Unit));

        Assert.Equal(["strict"], directives["ProtectSystem"]);
        Assert.Equal(["shotgun-events"], directives["StateDirectory"]);
        Assert.Equal(["shotgun-events"], directives["LogsDirectory"]);
        Assert.Equal(["shotgun-events"], directives["ConfigurationDirectory"]);
        Assert.Equal(["shotgun-events"], directives["User"]);
        Assert.Equal([string.Empty], directives["CapabilityBoundingSet"]);
        Assert.Contains("@system-service", directives["SystemCallFilter"]);
        Assert.Equal(["native"], directives["SystemCallArchitectures"]);
        Assert.True(int.Parse(directives["WatchdogSec"].Single(), CultureInfo.InvariantCulture) >= 60);
        Assert.Equal(["notify"], directives["Type"]);
        Assert.Equal(["on-failure"], directives["Restart"]);
        Assert.Equal(["2"], directives["RestartPreventExitStatus"]);
        Assert.Equal(["/var/lib/shotgun-events"], directives["WorkingDirectory"]);
    }

    [Fact]
    public void InstallSteps_TheShippedConfigForEtcUsesTheUnitsDirectoriesAndLoads()
    {
        var unit = File.ReadAllText(Unit);
        // Every repository file the steps copy exists.
        foreach (Match file in RepositoryFile().Matches(unit))
        {
            Assert.True(File.Exists(Path.Combine(CliSandbox.RepositoryRoot, file.Value)), $"{file.Value}, named in the unit's install steps");
        }

        var directives = Directives(unit);
        var config = Path.Combine(Folder, "daemon.ini");
        Assert.Contains("examples/deploy/systemd/daemon.ini /etc/shotgun-events/daemon.ini", unit, StringComparison.Ordinal);
        Assert.Equal(["SHOTGUN_EVENTS_CONFIG=/etc/shotgun-events/daemon.ini"], directives["Environment"]);
        var env = new Dictionary<string, string>
        {
            ["SG_ED_SITE_URL"] = "https://studio.example.com",
            ["SG_ED_SCRIPT_NAME"] = "shotgunEventDaemon",
            ["SG_ED_API_KEY"] = "key",
        };

        var settings = ConfigLoader.Load(config, env.GetValueOrDefault);

        Assert.Equal("/var/lib/" + directives["StateDirectory"].Single(), Path.GetDirectoryName(settings.Daemon.EventIdFile));
        Assert.Equal("/var/log/" + directives["LogsDirectory"].Single(), settings.Daemon.LogPath);
        Assert.Equal("/var/lib/shotgun-events/compile-cache", settings.Daemon.CompileCacheDirectory);
        Assert.All(settings.Plugins.Paths, p => Assert.StartsWith("/srv/shotgun-events/", p.FullPath, StringComparison.Ordinal));
        Assert.Contains("install -d -m 0755 /etc/shotgun-events /srv/shotgun-events/plugins", unit, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://studio.example.com"), settings.Shotgun.Url);
        // Only the listener on loopback: nothing exposed without a webhook secret.
        Assert.Equal("127.0.0.1", settings.Http.Listen?.Address.ToString());
    }

    private static Dictionary<string, List<string>> Directives(string unit)
    {
        var directives = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in unit.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not '#' and not ';' and not '['))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = line[..equals];
            if (!directives.TryGetValue(key, out var values))
            {
                directives[key] = values = [];
            }

            values.Add(line[(equals + 1)..]);
        }

        return directives;
    }

    [GeneratedRegex(@"Overall exposure level for [^:]+: (\d+\.\d)")]
    private static partial Regex Exposure();

    [GeneratedRegex(@"examples/deploy/[\w./-]+\.(?:ini|service)")]
    private static partial Regex RepositoryFile();
}
