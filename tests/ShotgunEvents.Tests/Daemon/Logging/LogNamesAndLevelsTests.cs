using NLog;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

public sealed class LogNamesAndLevelsTests
{
    [Theory]
    [InlineData("plugin.versions", "versions")]
    [InlineData("plugin.versions.onStatus", "versions")]
    [InlineData("plugin.", null)]
    [InlineData("plugins.versions", null)]
    [InlineData("engine", null)]
    [InlineData(null, null)]
    public void PluginNameOf_PluginAndCallbackLoggers_NameTheirPlugin(string? logger, string? expected)
    {
        Assert.Equal(expected, LoggerNames.PluginNameOf(logger));
    }

    [Theory]
    [InlineData(0, "Trace")]
    [InlineData(10, "Debug")]
    [InlineData(15, "Debug")]
    [InlineData(20, "Info")]
    [InlineData(30, "Warn")]
    [InlineData(40, "Error")]
    [InlineData(50, "Fatal")]
    [InlineData(60, "Off")]
    public void FromNumber_PythonLevels_MapToNLogLevels(int number, string expected)
    {
        Assert.Equal(LogLevel.FromString(expected), PythonLogLevel.FromNumber(number));
    }

    [Fact]
    public void NameOf_UsesPythonsNames()
    {
        Assert.Equal(["TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
            LogLevel.AllLoggingLevels.Select(PythonLogLevel.NameOf));
    }
}
