using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

public sealed class DryRunShotgunTests
{
    [Fact]
    public async Task Writes_AreDescribedAndNotSent()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Results("true"));
        using var client = new ShotgunClient(new ShotgunClientOptions { Site = site.BaseUrl }, ShotgunCredentials.Script("test", "k"));
        var lines = new List<string>();
        var dry = new DryRunShotgun(client, lines.Add) { SessionUuid = "sess-1" };

        var created = await dry.CreateAsync("Shot", new { code = "sh010", project = new EntityRef("Project", 1, "Demo") });
        var second = await dry.CreateAsync("Shot", new { code = "sh020" });
        var updated = await dry.UpdateAsync("Shot", 5, new { sg_status_list = "ip" });
        var deleted = await dry.DeleteAsync("Shot", 5);
        var revived = await dry.ReviveAsync("Shot", 5);
        var batch = await dry.BatchAsync(BatchRequest.Create("Note", new { subject = "hi" }), BatchRequest.Delete("Note", 2));

        Assert.Empty(site.Requests);
        Assert.Equal(-1, created.Id);
        Assert.Equal(-2, second.Id);
        Assert.Equal("sh010", created.Get<string>("code"));
        Assert.Equal(new EntityRef("Project", 1, "Demo"), created.GetRef("project"));
        Assert.Equal("ip", updated.Get<string>("sg_status_list"));
        Assert.Equal(5, updated.Id);
        Assert.True(deleted);
        Assert.True(revived);
        Assert.Equal(-3, batch[0].Value<int>("id"));
        Assert.True(batch[1].Value<bool>());
        Assert.Equal(
        [
            """dry-run: create Shot {"code":"sh010","project":{"type":"Project","id":1,"name":"Demo"}} -> fake id -1 (session sess-1)""",
            """dry-run: create Shot {"code":"sh020"} -> fake id -2 (session sess-1)""",
            """dry-run: update Shot #5 {"sg_status_list":"ip"} (session sess-1)""",
            "dry-run: delete Shot #5 (session sess-1)",
            "dry-run: revive Shot #5 (session sess-1)",
            """dry-run: batch of 2 [create Note {"subject":"hi"} -> fake id -3; delete Note #2] (session sess-1)""",
        ], lines);
    }

    [Fact]
    public async Task SiteWrites_AreDescribedAndNotSent()
    {
        await using var site = await EmulatorSite.StartAsync();
        var project = (await site.Client.CreateAsync("Project", new { name = "Dry" })).ToRef();
        var jane = (await site.Client.CreateAsync("HumanUser", new { login = "jane", name = "Jane Doe" })).ToRef();
        var version = (await site.Client.CreateAsync("Version", new { code = "v1", project })).ToRef();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "thumbnail bytes");
        var lines = new List<string>();
        var dry = new DryRunShotgun(site.Client, lines.Add);
        var calls = site.Faults.CallCount;
        var events = site.Server.Store.LatestEventId;
        try
        {
            await dry.FollowAsync(jane, version);
            await dry.UnfollowAsync(jane, version);
            var uploaded = await dry.UploadAsync("Version", version.Id, file, "sg_uploaded_movie");
            var thumbnail = await dry.UploadThumbnailAsync("Version", version.Id, file);
            await dry.UploadFilmstripThumbnailAsync("Version", version.Id, file);
            await dry.ShareThumbnailAsync([version], sourceEntity: new EntityRef("Version", 99));
            await dry.WorkScheduleUpdateAsync(new DateOnly(2025, 12, 25), false, "Closed");
            var unsent = await dry.CallMethodAsync("user_subscriptions_create", new JObject { ["users"] = new JArray() });
            await dry.AsUser("jane").UpdateAsync("Version", version.Id, new { description = "x" });

            Assert.Equal(calls, site.Faults.CallCount);
            Assert.Equal(events, site.Server.Store.LatestEventId);
            Assert.True(uploaded < 0);
            Assert.True(thumbnail < uploaded);
            Assert.Equal(JTokenType.Null, unsent.Type);
            Assert.Equal(9, lines.Count);
            Assert.Equal($"dry-run: follow Version #{version.Id} by HumanUser #{jane.Id}", lines[0]);
            Assert.StartsWith($"dry-run: upload {file} (15 bytes) to Version #{version.Id} field sg_uploaded_movie -> fake attachment id", lines[2], StringComparison.Ordinal);
            Assert.Equal("dry-run: work schedule update 2025-12-25 studio: not working \"Closed\"", lines[6]);
            Assert.Contains("call user_subscriptions_create", lines[7], StringComparison.Ordinal);
            Assert.EndsWith("(as jane)", lines[8], StringComparison.Ordinal);
            Assert.Empty(await site.Client.FollowersAsync(version));
            Assert.Empty(await site.Client.FindAsync("Attachment", null, "id"));
            await Assert.ThrowsAsync<FileNotFoundException>(() => dry.UploadAsync("Version", version.Id, file + ".missing"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SiteReads_GoThroughToTheSite()
    {
        await using var site = await EmulatorSite.StartAsync();
        var jane = (await site.Client.CreateAsync("HumanUser", new { login = "jane", name = "Jane Doe" })).ToRef();
        var shot = (await site.Client.CreateAsync("Shot", new { code = "bunny_010" })).ToRef();
        await site.Client.FollowAsync(jane, shot);
        var lines = new List<string>();
        var dry = new DryRunShotgun(site.Client, lines.Add);

        var followers = await dry.FollowersAsync(shot);
        var prefs = await dry.PreferencesReadAsync(["date_component_order"]);
        var viaCall = await dry.CallMethodAsync("preferences_read", new JObject { ["prefs"] = new JArray("date_component_order") });

        Assert.Equal(jane, Assert.Single(followers).ToRef());
        Assert.Equal("month_day", prefs.Value<string>("date_component_order"));
        Assert.Equal("month_day", viaCall.Value<string>("date_component_order"));
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Reads_GoThroughToTheSite()
    {
        await using var site = RecordingSite.WithInfo(request => request.MethodName == "read"
            ? CannedResponse.Results("""{"entities":[{"type":"Shot","id":3}],"paging_info":{"has_next_page":false}}""")
            : CannedResponse.Results("""{"Shot":{}}"""));
        using var client = new ShotgunClient(new ShotgunClientOptions { Site = site.BaseUrl }, ShotgunCredentials.Script("test", "k"));
        var lines = new List<string>();
        var dry = new DryRunShotgun(client, lines.Add);

        var shot = await dry.FindOneAsync("Shot", Filter.Is("id", 3));
        var schema = await dry.SchemaReadAsync();
        await dry.SchemaFieldReadAsync("Shot");
        await dry.SummarizeAsync("Shot", null, new SummaryField("id", "count"));
        var info = await dry.InfoAsync();

        Assert.Equal(3, shot!.Id);
        Assert.True(schema.ContainsKey("Shot"));
        Assert.Equal(500, info.Value<int>("api_max_entities_per_page"));
        Assert.Equal(["read", "schema_read", "schema_field_read", "summarize"], site.Calls.Select(c => c.MethodName));
        Assert.Empty(lines);
    }

    [Fact]
    public void SessionUuid_IsTheInnerConnections()
    {
        using var client = new ShotgunClient(new ShotgunClientOptions { Site = "https://host" }, ShotgunCredentials.Script("test", "k"));

        _ = new DryRunShotgun(client, _ => { }) { SessionUuid = "abc" };

        Assert.Equal("abc", client.SessionUuid);
    }
}
