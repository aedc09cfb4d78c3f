using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NLog;
using NLog.Targets;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

public sealed partial class LoggingSetupTests
{
    private const string EngineFile = "shotgunEventDaemon";

    [Fact]
    public void WarmUp_ShippedFile_ParsesItWithoutApplyingOrWritingAnything()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, LoggingSetup.DefaultFileName);
        Assert.True(File.Exists(shipped), "the shipped nlog.config is beside the binary, so the warm-up parses it");
        var configured = LogManager.Configuration;
        var wouldBeEngineLog = Path.Combine(Path.GetTempPath(), EngineFile);
        var existedBefore = File.Exists(wouldBeEngineLog);

        LoggingSetup.WarmUp();

        // The global configuration is the one it was (the warm-up's factory is its own), and no target opened a file.
        Assert.Same(configured, LogManager.Configuration);
        Assert.Equal(existedBefore, File.Exists(wouldBeEngineLog));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_LogMode1_EachPluginGetsItsOwnFileAndTheEngineFileKeepsTheRest(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { LogMode = 1 });

        logs.Logger(LoggerNames.Engine).Info("engine line");
        logs.Logger("ShotgunEvents.Client.Transport").Warn("library line");
        logs.Logger(LoggerNames.Plugin("versions")).Info("versions plugin line");
        logs.Logger(LoggerNames.Callback("versions", "onStatus")).Info("versions callback line");
        logs.Logger(LoggerNames.Callback("notes", "onNote")).Error("notes callback line");

        Assert.Equal(["plugin.notes.log", "plugin.versions.log", EngineFile], logs.Files());
        var engine = logs.Lines(EngineFile);
        Assert.Equal(2, engine.Count);
        Assert.EndsWith(" - engine - INFO - engine line", engine[0], StringComparison.Ordinal);
        Assert.EndsWith(" - ShotgunEvents.Client.Transport - WARNING - library line", engine[1], StringComparison.Ordinal);
        var versions = logs.Lines("plugin.versions.log");
        Assert.Equal(2, versions.Count);
        Assert.EndsWith(" - plugin.versions - INFO - versions plugin line", versions[0], StringComparison.Ordinal);
        Assert.EndsWith(" - plugin.versions.onStatus - INFO - versions callback line", versions[1], StringComparison.Ordinal);
        Assert.EndsWith(" - plugin.notes.onNote - ERROR - notes callback line", Assert.Single(logs.Lines("plugin.notes.log")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_LogMode0_EverythingGoesToTheEngineFile(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { LogMode = 0 });

        logs.Logger(LoggerNames.Engine).Info("engine line");
        logs.Logger(LoggerNames.Plugin("versions")).Info("versions plugin line");
        logs.Logger(LoggerNames.Callback("notes", "onNote")).Error("notes callback line");

        Assert.Equal([EngineFile], logs.Files());
        var lines = logs.Lines(EngineFile);
        Assert.Equal(3, lines.Count);
        Assert.EndsWith(" - plugin.versions - INFO - versions plugin line", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(" - plugin.notes.onNote - ERROR - notes callback line", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_FileLinesAndExceptions_UseUpstreamsFormat(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile);

        logs.Logger(LoggerNames.Engine).Warn("Event {EventId} is too old", 42);
        logs.Logger(LoggerNames.Engine).Fatal(new InvalidOperationException("boom"), "Crash!!!!! Unexpected error in main loop.");

        var lines = logs.Lines(EngineFile);
        Assert.Matches(UpstreamLine(), lines[0]);
        Assert.EndsWith(" - engine - WARNING - Event 42 is too old", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" - engine - CRITICAL - Crash!!!!! Unexpected error in main loop.", lines[1], StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException: boom", lines[2]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_LevelFromDaemonIni_DropsLinesBelowIt(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { Level = PythonLogLevel.FromNumber(30) });

        logs.Logger(LoggerNames.Engine).Debug("debug");
        logs.Logger(LoggerNames.Engine).Info("info");
        logs.Logger(LoggerNames.Plugin("versions")).Info("plugin info");
        logs.Logger(LoggerNames.Engine).Warn("warn");
        logs.Logger(LoggerNames.Plugin("versions")).Error("plugin error");

        Assert.EndsWith("WARNING - warn", Assert.Single(logs.Lines(EngineFile)), StringComparison.Ordinal);
        Assert.EndsWith("ERROR - plugin error", Assert.Single(logs.Lines("plugin.versions.log")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_TimingOn_WritesUpstreamsLineToTheTimingFileOnly(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { TimingLog = true, LogMode = 0 });
        var timing = new TimingLog(logs.Factory, enabled: true, TimeZoneInfo.Utc);
        var created = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        timing.Record(7001, created, "versions", "onStatus", created.AddSeconds(2), created.AddSeconds(2.5), error: true);
        logs.Logger(LoggerNames.Engine).Info("engine line");

        var line = Assert.Single(logs.Lines(EngineFile + ".timing"));
        Assert.Matches(UpstreamLine(), line);
        Assert.EndsWith(" - timing - INFO - event_id=7001 created_at=2024-05-01T12:00:00+00:00 callback=versions.onStatus " +
            "start=2024-05-01T12:00:02+00:00 end=2024-05-01T12:00:02.500000+00:00 duration=00:00:00:00.500000 error=True " +
            "delay=00:00:00:02.000000 duration_seconds=0.5 delay_seconds=2", line, StringComparison.Ordinal);
        Assert.EndsWith("engine line", Assert.Single(logs.Lines(EngineFile)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_TimingOff_WritesNoTimingLinesAnywhere(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { TimingLog = false, LogMode = 0, JsonLines = true });
        var created = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        // Even a caller that ignores TimingLog.Enabled cannot put timing lines into the other logs.
        logs.Logger(LoggerNames.Timing).Info("event_id=1");
        new TimingLog(logs.Factory, enabled: true).Record(1, created, "p", "cb", created, created, error: false);
        logs.Logger(LoggerNames.Engine).Info("engine line");

        Assert.Equal([EngineFile, EngineFile + ".jsonl"], logs.Files());
        Assert.DoesNotContain(logs.Lines(EngineFile).Concat(logs.Lines(EngineFile + ".jsonl")),
            l => l.Contains("event_id=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_JsonLines_EveryLineIsOneJsonObject(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { JsonLines = true });

        logs.Logger(LoggerNames.Engine).Info("plain \"quoted\" line");
        logs.Logger(LoggerNames.Callback("versions", "onStatus"))
            .Error(new InvalidOperationException("multi\nline"), "Event {EventId} failed", 5001);

        var lines = logs.Lines(EngineFile + ".jsonl");
        Assert.Equal(2, lines.Count);
        var info = JObject.Parse(lines[0]);
        Assert.Equal("INFO", (string?)info["level"]);
        Assert.Equal("engine", (string?)info["logger"]);
        Assert.Equal("plain \"quoted\" line", (string?)info["message"]);
        Assert.True(DateTimeOffset.TryParse((string?)info["time"], out _));
        Assert.False(info.ContainsKey("plugin"));
        var error = JObject.Parse(lines[1]);
        Assert.Equal("ERROR", (string?)error["level"]);
        Assert.Equal("versions", (string?)error["plugin"]);
        Assert.Equal("Event 5001 failed", (string?)error["message"]);
        Assert.Equal(5001, (int?)error["EventId"]);
        Assert.StartsWith("System.InvalidOperationException: multi\nline", (string?)error["exception"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)error["host"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_TextFileLine_TimeCarriesTheLocalUtcOffset(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile);
        var before = DateTimeOffset.UtcNow;

        logs.Logger(LoggerNames.Engine).Info("a line");

        var line = Assert.Single(logs.Lines(EngineFile));
        var time = DateTimeOffset.ParseExact(line[..(line.IndexOf(" - ", StringComparison.Ordinal))], "yyyy-MM-dd HH:mm:ss,fff zzz",
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(before), time.Offset);
        Assert.InRange(time, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_JsonFormat_EngineTimingAndPluginFilesWriteOneJsonObjectPerLineWithTheRunsFields(bool fromShippedFile)
    {
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { JsonFiles = true, TimingLog = true, LogMode = 1 });
        var created = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        logs.Logger(LoggerNames.Engine).Info("engine line");
        using (CallbackLogScope.Push("versions", "OnStatus", 7001))
        {
            logs.Logger(LoggerNames.Plugin("versions")).Error(new InvalidOperationException("multi\nline"), "plugin line");
            new TimingLog(logs.Factory, enabled: true, TimeZoneInfo.Utc)
                .Record(7001, created, "versions", "OnStatus", created.AddSeconds(2), created.AddSeconds(2.5), error: true);
        }

        logs.Logger(LoggerNames.Callback("notes", "OnNote")).Warn("outside a run");

        var engine = ParseJson(Assert.Single(logs.Lines(EngineFile)));
        Assert.Equal(("INFO", "engine", "engine line"), ((string?)engine["level"], (string?)engine["logger"], (string?)engine["message"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$", (string?)engine["time"]);
        Assert.False(engine.ContainsKey("plugin") || engine.ContainsKey("event_id") || engine.ContainsKey("callback"));

        var lines = logs.Lines("plugin.versions.log");
        var plugin = ParseJson(Assert.Single(lines));
        Assert.Equal(("versions", "OnStatus", 7001L), ((string?)plugin["plugin"], (string?)plugin["callback"], (long?)plugin["event_id"]));
        Assert.Equal(JTokenType.Integer, plugin["event_id"]!.Type);
        Assert.StartsWith("System.InvalidOperationException: multi\nline", (string?)plugin["exception"], StringComparison.Ordinal);

        var timing = ParseJson(Assert.Single(logs.Lines(EngineFile + ".timing")));
        Assert.Equal(("timing", "versions", "OnStatus", 7001L), ((string?)timing["logger"], (string?)timing["plugin"], (string?)timing["callback"], (long?)timing["event_id"]));
        Assert.Equal((0.5m, 2m, true), ((decimal?)timing["duration_seconds"], (decimal?)timing["delay_seconds"], (bool?)timing["error"]));
        Assert.Contains("duration=00:00:00:00.500000", (string?)timing["message"], StringComparison.Ordinal);

        var outside = ParseJson(Assert.Single(logs.Lines("plugin.notes.log")));
        Assert.Equal(("notes", "OnNote"), ((string?)outside["plugin"], (string?)outside["callback"]));
        Assert.False(outside.ContainsKey("event_id"));
    }

    [Fact]
    public void Apply_MissingFile_BuiltInWritesTheSameLinesAsTheShippedFile()
    {
        using var fromFile = LogSandbox.Create(fromShippedFile: true, o => o with { TimingLog = true, JsonLines = true });
        using var builtIn = LogSandbox.Create(fromShippedFile: false, o => o with { TimingLog = true, JsonLines = true });
        Assert.Equal(LogSandbox.ShippedConfig, fromFile.Applied.ConfigFile);
        Assert.Null(builtIn.Applied.ConfigFile);

        foreach (var logs in new[] { fromFile, builtIn })
        {
            var created = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
            logs.Logger(LoggerNames.Engine).Info("engine {Count}", 3);
            logs.Logger(LoggerNames.Callback("a", "cb")).Warn(new InvalidOperationException("x"), "callback warning");
            logs.Logger(LoggerNames.Plugin("b")).Debug("below the level");
            new TimingLog(logs.Factory, enabled: true, TimeZoneInfo.Utc).Record(1, created, "a", "cb", created, created, false);
        }

        Assert.Equal(fromFile.Files(), builtIn.Files());
        foreach (var file in fromFile.Files())
        {
            Assert.Equal(WithoutTimes(fromFile.Lines(file)), WithoutTimes(builtIn.Lines(file)));
        }
    }

    [Fact]
    public void Apply_NotXml_ThrowsNamingTheFile()
    {
        var directory = LogSandbox.NewDirectory();
        try
        {
            var path = Path.Combine(directory, "nlog.config");
            File.WriteAllText(path, "<nlog><targets>");

            var error = Assert.Throws<LoggingSetupException>(() =>
                LoggingSetup.Apply(new LoggingOptions { LogPath = directory, Console = false }, path, null, new LogFactory()));

            Assert.StartsWith(path + ": not valid XML", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Apply_UnknownTargetType_ThrowsNamingTheFileAndTheType()
    {
        var directory = LogSandbox.NewDirectory();
        try
        {
            var path = Path.Combine(directory, "nlog.config");
            File.WriteAllText(path, """
                <nlog xmlns="http://www.nlog-project.org/schemas/NLog.xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <targets><target xsi:type="NoSuchTarget" name="x" /></targets>
                  <rules><logger name="*" writeTo="x" /></rules>
                </nlog>
                """);

            var error = Assert.Throws<LoggingSetupException>(() =>
                LoggingSetup.Apply(new LoggingOptions { LogPath = directory, Console = false }, path, null, new LogFactory()));

            Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
            Assert.Contains("NoSuchTarget", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Apply_LogPathIsAFile_ThrowsNamingThePath()
    {
        var directory = LogSandbox.NewDirectory();
        try
        {
            var file = Path.Combine(directory, "taken");
            File.WriteAllText(file, "");

            var error = Assert.Throws<LoggingSetupException>(() =>
                LoggingSetup.Apply(new LoggingOptions { LogPath = file, Console = false }, null, null, new LogFactory()));

            Assert.Equal($"[daemon] logPath '{file}' is a file; it must be a directory.", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Apply_NoLogPath_LogFileIsTheWholePathAndItsDirectoryIsCreated()
    {
        var directory = LogSandbox.NewDirectory();
        var factory = new LogFactory();
        try
        {
            var logFile = Path.Combine(directory, "nested", "daemon.log");

            var applied = LoggingSetup.Apply(new LoggingOptions { LogPath = null, LogFile = logFile, Console = false },
                LogSandbox.ShippedConfig, null, factory);
            factory.GetLogger(LoggerNames.Engine).Info("hello");
            factory.Flush();

            Assert.Equal(logFile, applied.EngineLogPath);
            Assert.True(File.Exists(logFile));
        }
        finally
        {
            factory.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_SecretsInMessageExceptionAndProperties_AreMaskedInEveryFile(bool fromShippedFile)
    {
        var key = "sk-" + Guid.NewGuid().ToString("N");
        SecretMasker.Register(key);
        using var logs = LogSandbox.Create(fromShippedFile, o => o with { JsonLines = true, TimingLog = true });

        logs.Logger(LoggerNames.Engine).Info("Connecting with script key " + key);
        logs.Logger(LoggerNames.Callback("leaky", "onEvent")).Error("Login with {Key} failed", key);
        logs.Logger(LoggerNames.Plugin("leaky")).Warn(new InvalidOperationException("bad key " + key), "request failed");
        logs.Logger(LoggerNames.Timing).Info("callback=" + key);

        var everything = logs.Files().SelectMany(logs.Lines).ToList();
        Assert.NotEmpty(everything);
        Assert.DoesNotContain(everything, l => l.Contains(key, StringComparison.Ordinal));
        Assert.Contains(logs.Lines(EngineFile), l => l.EndsWith("Connecting with script key ********", StringComparison.Ordinal));
        Assert.Contains(logs.Lines("plugin.leaky.log"), l => l.EndsWith("Login with ******** failed", StringComparison.Ordinal));
        Assert.Contains(logs.Lines("plugin.leaky.log"), l => l == "System.InvalidOperationException: bad key ********");
        Assert.Contains(logs.Lines(EngineFile + ".jsonl"), l => (string?)JObject.Parse(l)["Key"] == "********");
    }

    [Fact]
    public void Apply_FileThatAlreadyWrapsATargetInMaskSecrets_LoadsAndMasks()
    {
        var directory = LogSandbox.NewDirectory();
        var factory = new LogFactory();
        try
        {
            var key = "sk-" + Guid.NewGuid().ToString("N");
            SecretMasker.Register(key);
            var path = Path.Combine(directory, "nlog.config");
            File.WriteAllText(path, """
                <nlog xmlns="http://www.nlog-project.org/schemas/NLog.xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <targets>
                    <target xsi:type="MaskSecrets" name="masked">
                      <target xsi:type="File" name="plain" fileName="${var:logDir}/custom.log" layout="${python-level} ${message}" />
                    </target>
                  </targets>
                  <rules><logger name="*" minlevel="${var:minLevel}" writeTo="masked" /></rules>
                </nlog>
                """);

            LoggingSetup.Apply(new LoggingOptions { LogPath = directory, Console = false }, path, null, factory);
            factory.GetLogger(LoggerNames.Engine).Warn("key=" + key);
            factory.Flush();

            Assert.Equal("WARNING key=********", File.ReadAllText(Path.Combine(directory, "custom.log")).TrimEnd());
        }
        finally
        {
            factory.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_AlertTarget_GetsEveryErrorEvenFromLoggersThatAFinalRuleStops(bool fromShippedFile)
    {
        var alerts = new MemoryTarget("alerts") { Layout = "${logger}|${level}|${message}" };
        using var logs = LogSandbox.Create(fromShippedFile, alertTarget: alerts);

        logs.Logger(LoggerNames.Callback("versions", "onStatus")).Info("not an alert");
        logs.Logger(LoggerNames.Callback("versions", "onStatus")).Error("plugin error");
        logs.Logger(LoggerNames.Engine).Warn("not an alert either");
        logs.Logger(LoggerNames.Engine).Fatal("engine crash");
        logs.Factory.Flush();

        Assert.Equal(["plugin.versions.onStatus|Error|plugin error", "engine|Fatal|engine crash"], alerts.Logs);
    }

    /// <summary>A JSON line as a shipper reads it: strings stay strings (no date guessing).</summary>
    private static JObject ParseJson(string line)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(line)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static List<string> WithoutTimes(IEnumerable<string> lines) =>
        [.. lines.Select(l => LeadingTime().Replace(JsonTime().Replace(l, "\"time\":\"T\""), "T"))];

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [+-]\d\d:\d\d - [^ ]+ - (DEBUG|INFO|WARNING|ERROR|CRITICAL) - ")]
    private static partial Regex UpstreamLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [+-]\d\d:\d\d")]
    private static partial Regex LeadingTime();

    [GeneratedRegex("\"time\":\"[^\"]+\"")]
    private static partial Regex JsonTime();
}
