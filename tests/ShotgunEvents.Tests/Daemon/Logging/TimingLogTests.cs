using NLog;
using NLog.Config;
using NLog.Targets;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

public sealed class TimingLogTests
{
    private static readonly TimeZoneInfo PlusTwo =
        TimeZoneInfo.CreateCustomTimeZone("test+02", TimeSpan.FromHours(2), "test+02", "test+02");

    [Fact]
    public void Format_OneCallbackRun_IsUpstreamsLineFieldForField()
    {
        var created = new DateTimeOffset(2024, 5, 1, 14, 3, 7, TimeSpan.FromHours(2));
        var start = created.AddSeconds(1.25);
        var end = start.AddTicks(15_001_230); // 1.500123 s

        var line = TimingLog.Format(12345, created, "versions", "onStatus", start, end, error: false, PlusTwo);

        Assert.Equal(
            "event_id=12345 created_at=2024-05-01T14:03:07+02:00 callback=versions.onStatus " +
            "start=2024-05-01T14:03:08.250000+02:00 end=2024-05-01T14:03:09.750123+02:00 " +
            "duration=00:00:00:01.500123 error=False delay=00:00:00:01.250000 duration_seconds=1.500123 delay_seconds=1.25",
            line);
    }

    [Fact]
    public void Format_TimesInAnotherZone_AreWrittenInTheDaemonsZone()
    {
        var createdUtc = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        var line = TimingLog.Format(1, createdUtc, "p", "cb", createdUtc, createdUtc, error: true, PlusTwo);

        Assert.StartsWith("event_id=1 created_at=2024-05-01T14:00:00+02:00 callback=p.cb start=2024-05-01T14:00:00+02:00", line, StringComparison.Ordinal);
        Assert.EndsWith("error=True delay=00:00:00:00.000000 duration_seconds=0 delay_seconds=0", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "00:00:00:00.000000")]
    [InlineData(937_840_000_050L, "01:02:03:04.000005")]
    [InlineData(86_400_000_000_000L, "100:00:00:00.000000")]
    [InlineData(-5_000_000L, "-1:23:59:59.500000")]
    [InlineData(-10L, "-1:23:59:59.999999")]
    [InlineData(-864_000_000_000L, "-1:00:00:00.000000")]
    [InlineData(-1_728_000_000_010L, "-3:23:59:59.999999")]
    public void TimeDelta_MatchesPythonsPrettyTimeDeltaFormat(long ticks, string expected)
    {
        Assert.Equal(expected, PythonTimeFormat.TimeDelta(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData("2024-05-01T14:03:07.0000000+00:00", "2024-05-01T14:03:07+00:00")]
    [InlineData("2024-05-01T14:03:07.2500000-05:00", "2024-05-01T14:03:07.250000-05:00")]
    [InlineData("2024-05-01T14:03:07.0000019+05:30", "2024-05-01T14:03:07.000001+05:30")]
    [InlineData("2024-05-01T14:03:07.0000009+00:00", "2024-05-01T14:03:07+00:00")]
    public void IsoFormat_MatchesPythonsIsoformat(string value, string expected)
    {
        Assert.Equal(expected, PythonTimeFormat.IsoFormat(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Record_Disabled_WritesNothing()
    {
        using var factory = new LogFactory();
        var memory = new MemoryTarget("memory") { Layout = "${message}" };
        var config = new LoggingConfiguration(factory);
        config.AddRuleForAllLevels(memory);
        factory.Configuration = config;
        var now = DateTimeOffset.UnixEpoch;

        new TimingLog(factory, enabled: false).Record(1, now, "p", "cb", now, now, error: false);
        new TimingLog(factory, enabled: true, TimeZoneInfo.Utc).Record(2, now, "p", "cb", now, now, error: false);

        Assert.StartsWith("event_id=2 ", Assert.Single(memory.Logs), StringComparison.Ordinal);
    }
}
