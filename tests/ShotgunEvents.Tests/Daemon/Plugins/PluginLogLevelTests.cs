using NLog;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// <c>reg.SetLogLevel</c> through real compiles and loads: it applies at once (registerCallbacks' own lines too), to
/// that plugin alone, lasts only as long as the load that set it, and shows in the plugin's status fields.
/// </summary>
public sealed class PluginLogLevelTests : IDisposable
{
    private const string Scenario = "PluginLogLevel";
    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SetLogLevel_Debug_ThatPluginsDebugLinesAreWrittenAndNoOtherPlugins()
    {
        _dir.Copy(Scenario, "chatty_debug.csx", "chatty.csx");
        _dir.Copy(Scenario, "quiet.csx");
        await using var host = Host();
        await host.LoadAsync();

        await host["chatty"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);
        await host["quiet"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);

        Assert.Equal(["registering at debug"], host.Logs.Messages("plugin.chatty"));
        Assert.Equal(["debug 1", "info 1"], host.Logs.Messages("plugin.chatty.OnEvent"));
        Assert.Equal(["info 1"], host.Logs.Messages("plugin.quiet.OnEvent"));
        Assert.Equal(LogLevel.Debug, host["chatty"].LogLevel);
        Assert.Null(host["quiet"].LogLevel);
        Assert.Equal("DEBUG", (string?)PluginStatusFields.For(host["chatty"])["log_level"]);
        Assert.Null((string?)PluginStatusFields.For(host["quiet"])["log_level"]);
    }

    [Fact]
    public async Task Reload_WithoutSetLogLevel_GoesBackToTheDaemonsLevel()
    {
        _dir.Copy(Scenario, "chatty_debug.csx", "chatty.csx");
        await using var host = Host();
        await host.LoadAsync();
        await host["chatty"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);

        _dir.Overwrite(Scenario, "chatty_plain.csx", "chatty.csx");
        await host.Collection.ReloadAllAsync(CancellationToken.None);
        await host["chatty"].ProcessAsync(TestEvents.Make(2), CancellationToken.None);

        Assert.True(host["chatty"].IsActive, host.Logs.Dump());
        Assert.Null(host["chatty"].LogLevel);
        Assert.Equal(["debug 1", "info 1", "info 2"], host.Logs.Messages("plugin.chatty.OnEvent"));
        Assert.Equal(["registering at debug"], host.Logs.Messages("plugin.chatty"));
    }

    [Fact]
    public async Task Reload_SetLogLevelAdded_AppliesFromThatLoad()
    {
        _dir.Copy(Scenario, "chatty_plain.csx", "chatty.csx");
        await using var host = Host();
        await host.LoadAsync();
        await host["chatty"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);

        _dir.Overwrite(Scenario, "chatty_debug.csx", "chatty.csx");
        await host.Collection.ReloadAllAsync(CancellationToken.None);
        await host["chatty"].ProcessAsync(TestEvents.Make(2), CancellationToken.None);

        Assert.Equal(LogLevel.Debug, host["chatty"].LogLevel);
        Assert.Equal(["info 1", "debug 2", "info 2"], host.Logs.Messages("plugin.chatty.OnEvent"));
    }

    private PluginTestHost Host() =>
        new(_dir, o => o.DaemonLogLevel = LogLevel.Info, capturedFrom: LogLevel.Info);
}
