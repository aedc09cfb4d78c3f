using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class UpstreamStateImporterTests : IDisposable
{
    // Upstream wrote naive local expiries; this test machine's zone must not matter, so the zone is given.
    private static readonly TimeZoneInfo UtcPlus2 = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

    private readonly string _dir = Directory.CreateTempSubdirectory("sge-upstream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name) => Path.Join(AppContext.BaseDirectory, "Fixtures", "State", name);

    [Theory]
    [InlineData("upstream-protocol2.id")]
    [InlineData("upstream-protocol5.id")]
    public void Import_Pickle_EveryCollectionAndPluginWithCompactBacklog(string fixture)
    {
        var state = UpstreamStateImporter.Import(Fixture(fixture), UtcPlus2);

        Assert.Equal(["/studio/extra_plugins", "/usr/local/shotgun/plugins"], state.CollectionPaths);
        Assert.Equal(5_000, state.Find("/usr/local/shotgun/plugins", "logArgs")!.LastEventId);
        Assert.Equal(4_200, state.Find("/studio/extra_plugins", "logArgs")!.LastEventId);
        Assert.Null(state.Find("/usr/local/shotgun/plugins", "neverRan")!.LastEventId);
        var versions = state.Find("/usr/local/shotgun/plugins", "versionStatus")!;
        Assert.Equal(4_998, versions.LastEventId);
        Assert.Equal(
            [
                (4_990L, 4_992L, new DateTimeOffset(2024, 3, 1, 10, 5, 0, TimeSpan.Zero)),
                (4_995L, 4_995L, new DateTimeOffset(2024, 3, 1, 10, 6, 30, 250, TimeSpan.Zero)),
            ],
            versions.Backlog.Ranges.Select(r => (r.From, r.To, r.Expires)));
        Assert.Null(state.DefaultLastEventId);
    }

    [Fact]
    public void Import_Python2Pickle_ByteStringsRead()
    {
        var state = UpstreamStateImporter.Import(Fixture("upstream-python2-protocol2.id"), TimeZoneInfo.Utc);

        var legacy = state.Find("/plugins", "legacy")!;
        Assert.Equal(77, legacy.LastEventId);
        var range = Assert.Single(legacy.Backlog.Ranges);
        Assert.Equal((75L, 75L, new DateTimeOffset(2012, 5, 6, 7, 8, 9, TimeSpan.Zero)), (range.From, range.To, range.Expires));
    }

    [Fact]
    public void Import_PlainInteger_BecomesTheStartIdOfEveryPlugin()
    {
        var state = UpstreamStateImporter.Import(Fixture("upstream-plain-integer.id"), UtcPlus2);

        Assert.Equal(123_456, state.DefaultLastEventId);
        Assert.Empty(state.CollectionPaths);
        var resolved = state.Resolve("/any/collection", "anyPlugin");
        Assert.Equal((StateOrigin.LegacyStartId, 123_456L), (resolved.Origin, resolved.State.LastEventId));
    }

    [Fact]
    public void Import_ThenSaveAndLoad_SameState()
    {
        var imported = UpstreamStateImporter.Import(Fixture("upstream-protocol5.id"), UtcPlus2);
        var file = new StateFile(Path.Join(_dir, "state.json"));

        file.Save(imported);
        var loaded = file.Load()!;

        Assert.Equal(imported.CollectionPaths, loaded.CollectionPaths);
        Assert.Equal(
            imported.Find("/usr/local/shotgun/plugins", "versionStatus")!.Backlog.Ranges,
            loaded.Find("/usr/local/shotgun/plugins", "versionStatus")!.Backlog.Ranges);
    }

    [Fact]
    public void Import_EmptyFile_ClearError()
    {
        var path = Path.Join(_dir, "shotgunEventDaemon.id");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<StateFileException>(() => UpstreamStateImporter.Import(path, UtcPlus2));

        Assert.Contains(path, error.Message);
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void Import_TruncatedPickle_ClearError()
    {
        var whole = File.ReadAllBytes(Fixture("upstream-protocol5.id"));
        var path = Path.Join(_dir, "shotgunEventDaemon.id");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<StateFileException>(() => UpstreamStateImporter.Import(path, UtcPlus2));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a readable pickle", error.Message);
    }

    [Fact]
    public void Import_PickleOfSomethingElse_ClearError()
    {
        // pickle.dumps([1, 2], protocol=2)
        var path = Path.Join(_dir, "other.pickle");
        File.WriteAllBytes(path, [0x80, 0x02, 0x5D, 0x71, 0x00, 0x28, 0x4B, 0x01, 0x4B, 0x02, 0x65, 0x2E]);

        var error = Assert.Throws<StateFileException>(() => UpstreamStateImporter.Import(path, UtcPlus2));

        Assert.Contains("does not hold shotgunEvents state: the top level is not a dict of collections", error.Message);
    }

    [Fact]
    public void Import_MissingFile_ClearError()
    {
        var path = Path.Join(_dir, "nope.id");

        var error = Assert.Throws<StateFileException>(() => UpstreamStateImporter.Import(path, UtcPlus2));

        Assert.Contains(path, error.Message);
    }
}
