using NLog;
using NLog.Targets;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

/// <summary>
/// A plugin's own level (<c>reg.SetLogLevel</c>) over the real logging setup (the shipped nlog.config and its
/// built-in twin, both log modes, mail alerts): the plugin's lines at its level reach the same files, once; nobody
/// else's level moves; taking the level away restores the configuration.
/// </summary>
public sealed class PluginLogLevelsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_Debug_PluginsDebugLinesReachItsFileOnceAndNoOtherPluginsDo(bool shippedFile)
    {
        var alerts = new MemoryTarget("alerts") { Layout = "${logger}|${level}|${message}" };
        using var logs = LogSandbox.Create(shippedFile, alertTarget: alerts);

        PluginLogLevels.Apply(logs.Factory, "plugin.sync", LogLevel.Info, LogLevel.Debug);
        logs.Logger("plugin.sync").Debug("sync debug");
        logs.Logger("plugin.sync.OnStatus").Debug("callback debug");
        logs.Logger("plugin.sync.OnStatus").Info("callback info");
        logs.Logger("plugin.sync.OnStatus").Error("callback error");
        logs.Logger("plugin.other").Debug("other debug");
        logs.Logger("plugin.other").Info("other info");
        logs.Logger("engine").Debug("engine debug");

        var sync = logs.Lines("plugin.sync.log");
        Assert.Equal(["sync debug", "callback debug", "callback info", "callback error"], sync.Select(Message));
        Assert.Equal(["other info"], logs.Lines("plugin.other.log").Select(Message));
        Assert.DoesNotContain(logs.Lines("shotgunEventDaemon"), line => line.Contains("debug", StringComparison.Ordinal));
        Assert.Equal(["plugin.sync.OnStatus|Error|callback error"], alerts.Logs);
    }

    [Fact]
    public void Apply_SingleFileMode_PluginsDebugLinesReachTheEngineLogOnce()
    {
        using var logs = LogSandbox.Create(fromShippedFile: true, o => o with { LogMode = 0 });

        PluginLogLevels.Apply(logs.Factory, "plugin.sync", LogLevel.Info, LogLevel.Debug);
        logs.Logger("plugin.sync").Debug("sync debug");
        logs.Logger("plugin.sync").Info("sync info");
        logs.Logger("plugin.other").Debug("other debug");

        Assert.Equal(["sync debug", "sync info"], logs.Lines("shotgunEventDaemon").Select(Message));
    }

    [Fact]
    public void Apply_Warn_PluginsInfoLinesAreDropped()
    {
        using var logs = LogSandbox.Create(fromShippedFile: true);

        PluginLogLevels.Apply(logs.Factory, "plugin.sync", LogLevel.Info, LogLevel.Warn);
        logs.Logger("plugin.sync").Info("sync info");
        logs.Logger("plugin.sync").Warn("sync warning");
        logs.Logger("plugin.other").Info("other info");

        Assert.Equal(["sync warning"], logs.Lines("plugin.sync.log").Select(Message));
        Assert.Equal(["other info"], logs.Lines("plugin.other.log").Select(Message));
    }

    [Fact]
    public void Apply_NullAfterALevel_RestoresTheDaemonsLevel()
    {
        using var logs = LogSandbox.Create(fromShippedFile: true);
        var rules = logs.Factory.Configuration!.LoggingRules.Count;

        PluginLogLevels.Apply(logs.Factory, "plugin.sync", LogLevel.Info, LogLevel.Debug);
        PluginLogLevels.Apply(logs.Factory, "plugin.sync", LogLevel.Info, LogLevel.Trace);
        PluginLogLevels.Apply(logs.Factory, "plugin.sync", LogLevel.Info, null);
        logs.Logger("plugin.sync").Debug("sync debug");
        logs.Logger("plugin.sync").Info("sync info");

        Assert.Equal(["sync info"], logs.Lines("plugin.sync.log").Select(Message));
        Assert.Equal(rules, logs.Factory.Configuration!.LoggingRules.Count);
    }

    // "2024-05-01 14:03:07,250 - plugin.foo - INFO - message" -> "message"
    private static string Message(string line) => line[(line.LastIndexOf(" - ", StringComparison.Ordinal) + 3)..];
}
