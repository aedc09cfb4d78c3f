using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Snapshots;

public sealed class SocialStateSnapshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emulator-social-").FullName;

    [Fact]
    public async Task Snapshot_FollowsWorkDaysAndSubscriptions_AreKeptAcrossARestart()
    {
        var path = Path.Combine(_dir, "site.json");
        JObject jane, shot, project;
        await using (var site = await ClientSite.StartAsync(snapshotPath: path))
        {
            jane = site.AddUser("jane", "Jane Doe");
            project = site.Add("Project", new JObject { ["name"] = "Bunny" });
            shot = site.Add("Shot", new JObject { ["code"] = "bunny_010", ["project"] = project });
            await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = shot });
            await site.CallAsync("work_schedule_update", new JObject { ["date"] = "2012-01-03", ["working"] = false, ["description"] = "Project Holiday", ["project"] = project });
            await site.CallAsync("work_schedule_update", new JObject { ["date"] = "2012-01-07", ["working"] = true });
            await site.CallAsync("user_subscriptions_create", new JObject { ["users"] = new JArray(new JObject { ["humanUserId"] = jane["id"], ["subscription"] = "FPTR" }) });
        }

        await using var restored = await ClientSite.StartAsync(snapshotPath: path);
        var following = (JArray)await restored.CallAsync("following", new JObject { ["user"] = jane });
        var schedule = (JObject)await restored.CallAsync("work_schedule_read",
            new JObject { ["start_date"] = "2012-01-03", ["end_date"] = "2012-01-07", ["project"] = project, ["user"] = null });
        var subscriptions = (JArray)await restored.CallAsync("user_subscriptions_read");

        Assert.Equal(shot, Assert.Single(following), JToken.EqualityComparer);
        Assert.Equal(new JObject { ["description"] = "Project Holiday", ["reason"] = "PROJECT_EXCEPTION", ["working"] = false }, schedule["2012-01-03"]!, JToken.EqualityComparer);
        Assert.Equal(new JObject { ["description"] = null, ["reason"] = "STUDIO_EXCEPTION", ["working"] = true }, schedule["2012-01-07"]!, JToken.EqualityComparer);
        Assert.Equal("FPTR", (string?)Assert.Single(subscriptions)["subscription"]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
