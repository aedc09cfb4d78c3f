using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Snapshots;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emulator-snapshot-").FullName;

    [Fact]
    public async Task Snapshot_SavedOnStop_IsLoadedOnStart()
    {
        var path = Path.Combine(_dir, "site.json");
        int shotId;
        JObject eventBefore;
        await using (var site = await TestSite.StartAsync(snapshotPath: path))
        {
            site.Store.AddHumanUser("jane", "Jane Doe", "pw");
            shotId = (int)site.Store.Create("Shot", new JObject { ["code"] = "kept", ["tag_list"] = new JArray("hero") }, TestSite.ScriptName)["id"]!;
            site.Store.SeedEvents(1000);
            var gone = (int)site.Store.Create("Asset", new JObject { ["code"] = "gone" })["id"]!;
            site.Store.Delete("Asset", gone);
            eventBefore = site.Store.ReadEvents(1, 1).Single();
        }

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        await using var restored = await TestSite.StartAsync(snapshotPath: path);
        Assert.Equal("kept", (string?)restored.Store.Find("Shot", shotId)!["code"]);
        Assert.Single(await restored.ReadAsync("Asset", returnOnly: "retired"));
        Assert.Equal(eventBefore, restored.Store.ReadEvents(1, 1).Single());
        var latest = restored.Store.LatestEventId;
        Assert.True(latest > 1000);
        await restored.ResultsAsync("read", new JObject { ["type"] = "Shot", ["filters"] = new JObject() }, new JObject { ["user_login"] = "jane", ["user_password"] = "pw" });
        var next = restored.Store.Create("Shot", new JObject { ["code"] = "after" });
        Assert.True((int)next["id"]! > shotId);
        Assert.Equal(latest + 1, restored.Store.ReadEvents(latest).First()["id"]!.Value<int>());
        Assert.DoesNotContain(TestSite.ScriptKey, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task SaveSnapshotAsync_OnDemand_WritesTheFile()
    {
        await using var site = await TestSite.StartAsync(seed: EmulatorSeed.Demo);
        var path = Path.Combine(_dir, "nested", "demo.json");

        await site.Store.SaveSnapshotAsync(path);

        var json = JObject.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal("shotgun-events-emulator-snapshot", (string?)json["format"]);
        Assert.Equal(12, ((JArray)json["entities"]!["Shot"]!["records"]!).Count);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task Snapshot_Corrupt_IsAClearError()
    {
        var path = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(path, "{\"format\": \"shotgun-events-emulator-snapshot\", \"entities\": {\"Shot\": {\"records\": [{\"id\": ");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { SnapshotPath = path }));

        Assert.Contains(path, ex.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
