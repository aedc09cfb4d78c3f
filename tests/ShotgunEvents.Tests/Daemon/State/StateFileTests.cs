using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class StateFileTests : IDisposable
{
    private static readonly DateTimeOffset Expiry = new(2024, 3, 1, 12, 5, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("sge-state-").FullName;
    private readonly StateFile _file;

    public StateFileTests()
    {
        _file = new StateFile(Path.Join(_dir, "state", "daemon.state.json"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DaemonState Sample()
    {
        var state = new DaemonState();
        var versions = new PluginState(4_998, Backlog.Empty.Add(4_990, 4_992, Expiry).Add(4_995, 4_995, Expiry.AddSeconds(90.25)));
        state.Set("/srv/plugins", "versionStatus", versions);
        state.Set("/srv/plugins", "logArgs", new PluginState(5_000));
        state.Set("/srv/plugins", "neverRan", new PluginState());
        state.Set("scripts", "logArgs", new PluginState(4_200));
        state.AddCollection("/srv/empty");
        return state;
    }

    [Fact]
    public void Load_NoFile_IsNullForAFirstStart()
    {
        Assert.Null(_file.Load());
    }

    [Fact]
    public void SaveThenLoad_RoundTripsEverything()
    {
        _file.Save(Sample());

        var loaded = _file.Load()!;

        Assert.Equal(["/srv/empty", "/srv/plugins", "scripts"], loaded.CollectionPaths);
        Assert.Equal(5_000, loaded.Find("/srv/plugins", "logArgs")!.LastEventId);
        Assert.Null(loaded.Find("/srv/plugins", "neverRan")!.LastEventId);
        Assert.Equal(4_200, loaded.Find("scripts", "logArgs")!.LastEventId);
        var backlog = loaded.Find("/srv/plugins", "versionStatus")!.Backlog;
        Assert.Equal(
            [(4_990L, 4_992L, Expiry), (4_995L, 4_995L, Expiry.AddSeconds(90.25))],
            backlog.Ranges.Select(r => (r.From, r.To, r.Expires)));
        Assert.Null(loaded.DefaultLastEventId);
    }

    [Fact]
    public void Save_WritesFlatReadableJson()
    {
        var state = Sample();
        state.DefaultLastEventId = 42;

        _file.Save(state);

        var text = File.ReadAllText(_file.Path);
        var json = JObject.Parse(text);
        Assert.Equal(1, json["version"]!.Value<int>());
        Assert.Equal(42, json["default_last_event_id"]!.Value<long>());
        var versions = json["collections"]!["/srv/plugins"]!["versionStatus"]!;
        Assert.Equal(4_998, versions["last_event_id"]!.Value<long>());
        Assert.Equal(
            """[{"from":4990,"to":4992,"expires":"2024-03-01T12:05:00Z"},{"from":4995,"to":4995,"expires":"2024-03-01T12:06:30.25Z"}]""",
            versions["backlog"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(JTokenType.Null, json["collections"]!["/srv/plugins"]!["neverRan"]!["last_event_id"]!.Type);
        Assert.Contains("\n", text);
        Assert.Equal(42, _file.Load()!.DefaultLastEventId);
    }

    [Fact]
    public void Save_FileIsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _file.Save(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_file.Path));
    }

    [Fact]
    public void Save_Repeatedly_ReplacesTheFileAndLeavesNoTempFiles()
    {
        var state = Sample();
        for (var i = 0; i < 5; i++)
        {
            state.Set("scripts", "logArgs", new PluginState(10_000 + i, state.Find("scripts", "logArgs")!.Backlog));
            _file.Save(state);
        }

        Assert.Equal(10_004, _file.Load()!.Find("scripts", "logArgs")!.LastEventId);
        Assert.Equal(["daemon.state.json"], Directory.GetFiles(Path.GetDirectoryName(_file.Path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_LargeBacklogGap_StaysOneEntry()
    {
        var state = new DaemonState();
        var plugin = new PluginState(11_001, Backlog.Empty.Add(1_001, 11_000, Expiry));
        state.Set("scripts", "p", plugin);

        _file.Save(state);

        Assert.True(new FileInfo(_file.Path).Length < 500);
        Assert.Equal(10_000, _file.Load()!.Find("scripts", "p")!.Backlog.Count);
    }

    public static TheoryData<string, string, string> CorruptFiles => new()
    {
        { "", "is empty", "--reset-state" },
        { "\n  \n", "is empty", "--reset-state" },
        { """{"version":1,"collections":{"scripts":{"a":{"last_event_id":5""", "is not valid JSON", "--reset-state" },
        { "\u0001\u0002garbage!", "is not valid JSON", "--reset-state" },
        { "[1,2]", "is not a valid state file: the top level is not a JSON object", "--reset-state" },
        { """{"collections":{}}""", "is not a valid state file: 'version' is missing", "--reset-state" },
        { """{"version":2,"collections":{}}""", "is not a valid state file: it is version 2; this ShotgunEvents reads version 1", "--reset-state" },
        { """{"version":"1"}""", "it is version \"1\"", "--reset-state" },
        { """{"version":1,"collections":{"s":{"a":{"last_event_id":-3}}}}""", "collections.s.a.last_event_id is not an event id", "--reset-state" },
        { """{"version":1,"collections":{"s":{"a":{"last_event_id":"9"}}}}""", "collections.s.a.last_event_id is not an event id", "--reset-state" },
        { """{"version":1,"collections":{"s":{"a":{"last_event_id":9,"backlog":[{"from":5,"to":4,"expires":"2024-03-01T12:05:00Z"}]}}}}""", "collections.s.a.backlog[0] has 'to' before 'from'", "--reset-state" },
        { """{"version":1,"collections":{"s":{"a":{"last_event_id":9,"backlog":[{"from":5,"to":6,"expires":"soon"}]}}}}""", "collections.s.a.backlog[0].expires is not a time", "--reset-state" },
        { """{"version":1,"collections":{"s":{"a":{"last_event_id":9,"backlog":[{"from":5,"to":6}]}}}}""", "collections.s.a.backlog[0] has no 'expires'", "--reset-state" },
        { """{"version":1,"collections":{"s":[]}}""", "collections.s is not an object of plugins", "--reset-state" },
        { """{"version":1,"collections":{}} trailing""", "is not valid JSON", "--reset-state" },
        { "123456\n", "upstream shotgunEvents state file", "shotgun-events migrate-state" },
        { "\u0080\u0005garbage", "upstream shotgunEvents state file", "shotgun-events migrate-state" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Load_BadFile_ClearErrorNamingTheFileAndTheWayOut(string content, string reason, string wayOut)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file.Path)!);
        File.WriteAllBytes(_file.Path, content.Select(c => (byte)c).ToArray());

        var error = Assert.Throws<StateFileException>(() => _file.Load());

        Assert.Equal(_file.Path, error.Path);
        Assert.Contains(_file.Path, error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains(wayOut, error.Message);
    }

    [Fact]
    public void Load_TruncatedAtEveryByte_NeverLoadsSilently()
    {
        _file.Save(Sample());
        var whole = File.ReadAllBytes(_file.Path);

        // Every strict prefix either fails loudly or (when only trailing whitespace is cut) loads the same state.
        for (var length = 0; length < whole.Length; length++)
        {
            File.WriteAllBytes(_file.Path, whole[..length]);
            try
            {
                var loaded = _file.Load()!;
                Assert.Equal(5_000, loaded.Find("/srv/plugins", "logArgs")!.LastEventId);
            }
            catch (StateFileException e)
            {
                Assert.Contains("--reset-state", e.Message);
            }
        }
    }

    [Fact]
    public void Save_FailureDuringSerialization_PreviousFileSurvives()
    {
        _file.Save(Sample());
        var before = File.ReadAllText(_file.Path);

        Assert.Throws<InvalidOperationException>(() =>
            AtomicFile.Write(_file.Path, stream =>
            {
                StateJsonWriter.Write(new DaemonState(), stream);
                throw new InvalidOperationException("crash after the new content was written, before the rename");
            }));

        Assert.Equal(before, File.ReadAllText(_file.Path));
        Assert.Equal(5_000, _file.Load()!.Find("/srv/plugins", "logArgs")!.LastEventId);
    }
}
