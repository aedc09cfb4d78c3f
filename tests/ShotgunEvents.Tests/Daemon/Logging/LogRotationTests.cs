using NLog.Time;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

/// <summary>
/// Rotation at midnight, driven by NLog's clock. That clock is process-wide, so these tests run alone
/// (<see cref="NLogClockCollection"/>).
/// </summary>
[Collection(nameof(NLogClockCollection))]
public sealed class LogRotationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Midnight_RotatesEachFileToADatedCopyAndKeepsTheConfiguredCount(bool fromShippedFile)
    {
        var clock = new SettableTimeSource(new DateTime(2024, 5, 1, 23, 59, 0, DateTimeKind.Local));
        var previous = TimeSource.Current;
        TimeSource.Current = clock;
        try
        {
            using var logs = LogSandbox.Create(fromShippedFile, o => o with { KeepDays = 2, LogMode = 1 });
            for (var day = 1; day <= 5; day++)
            {
                logs.Logger(LoggerNames.Engine).Info("engine day {Day}", day);
                logs.Logger(LoggerNames.Callback("versions", "onStatus")).Info("plugin day {Day}", day);
                logs.Factory.Flush();
                clock.Now = clock.Now.AddDays(1);
            }

            Assert.Equal(
                [
                    "plugin.versions.2024-05-03.log", "plugin.versions.2024-05-04.log", "plugin.versions.log",
                    "shotgunEventDaemon", "shotgunEventDaemon.2024-05-03", "shotgunEventDaemon.2024-05-04",
                ],
                logs.Files());
            Assert.EndsWith("engine day 5", Assert.Single(logs.Lines("shotgunEventDaemon")), StringComparison.Ordinal);
            Assert.EndsWith("engine day 4", Assert.Single(logs.Lines("shotgunEventDaemon.2024-05-04")), StringComparison.Ordinal);
            Assert.EndsWith("plugin day 3", Assert.Single(logs.Lines("plugin.versions.2024-05-03.log")), StringComparison.Ordinal);
        }
        finally
        {
            TimeSource.Current = previous;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Midnight_PluginsWhoseNamesDifferByDigits_NeverDeleteEachOthersFiles(bool fromShippedFile)
    {
        var clock = new SettableTimeSource(new DateTime(2024, 5, 1, 23, 59, 0, DateTimeKind.Local));
        var previous = TimeSource.Current;
        TimeSource.Current = clock;
        try
        {
            using var logs = LogSandbox.Create(fromShippedFile, o => o with { KeepDays = 1, LogMode = 1 });
            for (var day = 1; day <= 4; day++)
            {
                logs.Logger(LoggerNames.Plugin("sync2")).Info("sync2 day {Day}", day);
                logs.Logger(LoggerNames.Plugin("sync")).Info("sync day {Day}", day);
                logs.Logger(LoggerNames.Plugin("sync12")).Info("sync12 day {Day}", day);
                logs.Factory.Flush();
                clock.Now = clock.Now.AddDays(1);
            }

            Assert.Equal(
                [
                    "plugin.sync.2024-05-03.log", "plugin.sync.log",
                    "plugin.sync12.2024-05-03.log", "plugin.sync12.log",
                    "plugin.sync2.2024-05-03.log", "plugin.sync2.log",
                ],
                logs.Files());
            Assert.EndsWith("sync2 day 4", Assert.Single(logs.Lines("plugin.sync2.log")), StringComparison.Ordinal);
            Assert.EndsWith("sync12 day 4", Assert.Single(logs.Lines("plugin.sync12.log")), StringComparison.Ordinal);
        }
        finally
        {
            TimeSource.Current = previous;
        }
    }

    private sealed class SettableTimeSource(DateTime now) : TimeSource
    {
        public DateTime Now { get; set; } = now;

        public override DateTime Time => Now;

        public override DateTime FromSystemTime(DateTime systemTime) => systemTime.ToLocalTime();
    }
}
