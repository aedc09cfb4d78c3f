using ShotgunEvents.Daemon.Config;

namespace ShotgunEvents.Tests.Daemon.Config;

public sealed class ConfigLocatorTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Resolve_CliPath_WinsAndIsMadeAbsolute()
    {
        var chosen = _dir.Write("[daemon]\n", Path.Join("conf", "prod.ini"));
        _dir.Write("[daemon]\n");
        var env = ConfigDirectory.Env((ConfigLocator.EnvironmentVariable, "/nowhere/daemon.ini"));

        Assert.Equal(chosen, ConfigLocator.Resolve(Path.Join("conf", "prod.ini"), env, _dir.Path));
    }

    [Fact]
    public void Resolve_EnvironmentVariable_UsedWithoutCliPath()
    {
        var chosen = _dir.Write("[daemon]\n", "other.ini");
        _dir.Write("[daemon]\n");

        Assert.Equal(chosen, ConfigLocator.Resolve(null, ConfigDirectory.Env((ConfigLocator.EnvironmentVariable, chosen)), "/"));
    }

    [Fact]
    public void Resolve_NeitherGiven_TakesDaemonIniInTheWorkingDirectory()
    {
        var local = _dir.Write("[daemon]\n");

        Assert.Equal(local, ConfigLocator.Resolve(null, ConfigDirectory.Env(), _dir.Path));
    }

    [Fact]
    public void Resolve_ExplicitPathMissing_ErrorRatherThanFallingBack()
    {
        _dir.Write("[daemon]\n");
        var missing = Path.Join(_dir.Path, "typo.ini");

        var fromCli = Assert.Throws<ConfigException>(() => ConfigLocator.Resolve("typo.ini", ConfigDirectory.Env(), _dir.Path));
        var fromEnv = Assert.Throws<ConfigException>(() =>
            ConfigLocator.Resolve(null, ConfigDirectory.Env((ConfigLocator.EnvironmentVariable, missing)), _dir.Path));

        Assert.Equal($"typo.ini: {missing} (from --config) does not exist", fromCli.Message);
        Assert.Equal($"typo.ini: {missing} (from $SHOTGUN_EVENTS_CONFIG) does not exist", fromEnv.Message);
    }

    [Fact]
    public void Resolve_DirectoryGiven_SaysItIsADirectory()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLocator.Resolve(_dir.Path, ConfigDirectory.Env(), "/"));

        Assert.Contains("is a directory, not a config file", error.Message);
    }

    [Fact]
    public void Resolve_NothingFound_ListsEverythingSearched()
    {
        if (File.Exists(ConfigLocator.SystemPath))
        {
            return; // this machine has a system-wide config; the fallback would (rightly) find it
        }

        var error = Assert.Throws<ConfigException>(() => ConfigLocator.Resolve(null, ConfigDirectory.Env(), _dir.Path));

        Assert.Equal(
            $"daemon.ini: no config file found; searched --config (not given), $SHOTGUN_EVENTS_CONFIG (not set), {Path.Join(_dir.Path, "daemon.ini")}, /etc/shotgun-events/daemon.ini. " +
            "To get one: `shotgun-events init` writes a commented daemon.ini (the embedded demo site) and a scripts/ folder with one plugin into this folder; then run again.",
            error.Message);
    }
}
