using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Seeding;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Demo_HoldsAStudioAndItsHistory()
    {
        await using var site = await TestSite.StartAsync(seed: EmulatorSeed.Demo);

        var project = (await site.ReadAsync("Project", fields: ["name"])).Single();
        Assert.Equal("Big Buck Bunny", (string?)project["name"]);
        Assert.Equal(12, (await site.ReadAsync("Shot")).Count);
        Assert.Equal(3, (await site.ReadAsync("Sequence")).Count);
        Assert.True((await site.ReadAsync("Asset")).Count >= 6);
        Assert.True((await site.ReadAsync("Task")).Count >= 60);
        Assert.Equal(12, (await site.ReadAsync("Version")).Count);
        Assert.True((await site.ReadAsync("Step")).Count >= 7);
        Assert.True((await site.ReadAsync("Note")).Count >= 3);
        Assert.Equal(7, (await site.ReadAsync("HumanUser")).Count);
        var history = await site.EventsAfterAsync(0);
        Assert.Equal(500, history.Count);
        Assert.All(history, e => Assert.Equal("demo_pipeline 1.0", (string?)e["user"]!["name"]));
    }

    [Fact]
    public async Task Demo_CredentialsWork()
    {
        await using var site = await TestSite.StartAsync(seed: EmulatorSeed.Demo);
        var query = new JObject { ["type"] = "Shot", ["filters"] = new JObject() };

        await site.ResultsAsync("read", query, new JObject { ["script_name"] = DemoCredentials.ScriptName, ["script_key"] = DemoCredentials.ScriptKey });
        await site.ResultsAsync("read", query, new JObject { ["user_login"] = DemoCredentials.CoordinatorLogin, ["user_password"] = DemoCredentials.UserPassword });
        await site.ResultsAsync("read", query, TestSite.ScriptAuth());
    }

    [Fact]
    public async Task ActivityGenerator_MakesChangesOnTheSiteClock()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true, seed: EmulatorSeed.Demo, activity: true);
        var before = site.Store.LatestEventId;

        for (var second = 0; second < 10; second++)
        {
            site.Time!.Advance(TimeSpan.FromSeconds(1));
        }

        var events = site.Store.ReadEvents(before, 1000);
        Assert.True(events.Count >= 25, $"only {events.Count} events from 30 activity ticks");
        Assert.All(events, e =>
        {
            Assert.Equal("HumanUser", (string?)e["user"]!["type"]);
            Assert.Matches("^[0-9a-f-]{36}$", (string?)e["session_uuid"]);
        });
        var kinds = events.Select(e => (string)e["event_type"]!).ToHashSet();
        Assert.Contains("Shotgun_Task_Change", kinds);
        Assert.True(kinds.Count >= 3, string.Join(", ", kinds));
    }

    [Fact]
    public async Task ActivityGenerator_Off_ChangesNothing()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true, seed: EmulatorSeed.Demo);
        var before = site.Store.LatestEventId;

        site.Time!.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(before, site.Store.LatestEventId);
    }
}
