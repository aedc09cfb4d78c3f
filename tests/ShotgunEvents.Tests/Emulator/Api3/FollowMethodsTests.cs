using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class FollowMethodsTests
{
    [Fact]
    public async Task Follow_ThenFollowers_AnswersFollowedAndListsTheUser()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });

        var result = (JObject)await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = shot });
        var followers = (JArray)await site.CallAsync("followers", new JObject { ["entity"] = shot });

        Assert.True((bool)result["followed"]!);
        Assert.Equal(jane, result["user"]);
        Assert.Equal(shot, result["entity"]);
        var follower = (JObject)Assert.Single(followers);
        Assert.Equal((int)jane["id"]!, (int)follower["id"]!);
        Assert.Equal("HumanUser", (string?)follower["type"]);
        Assert.Equal("Jane Doe", (string?)follower["name"]);
        Assert.Equal("valid", (string?)follower["valid"]);
        Assert.True(follower.ContainsKey("status"));
    }

    [Fact]
    public async Task Follow_Twice_SucceedsAndFollowsOnce()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });
        var events = site.Store.LatestEventId;

        await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = shot });
        var again = (JObject)await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = shot });

        Assert.True((bool)again["followed"]!);
        Assert.Single((JArray)await site.CallAsync("followers", new JObject { ["entity"] = shot }));
        Assert.Equal(events, site.Store.LatestEventId);
    }

    [Fact]
    public async Task Unfollow_Followed_RemovesTheFollow()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var ben = site.AddUser("ben", "Ben Ortiz");
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });
        await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = shot });
        await site.CallAsync("follow", new JObject { ["user"] = ben, ["entity"] = shot });

        var result = (JObject)await site.CallAsync("unfollow", new JObject { ["user"] = jane, ["entity"] = shot });

        Assert.True((bool)result["unfollowed"]!);
        Assert.Equal(shot, result["entity"]);
        var follower = Assert.Single((JArray)await site.CallAsync("followers", new JObject { ["entity"] = shot }));
        Assert.Equal((int)ben["id"]!, (int)follower["id"]!);
    }

    [Fact]
    public async Task Unfollow_NotFollowing_StillAnswersUnfollowed()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });

        var result = (JObject)await site.CallAsync("unfollow", new JObject { ["user"] = jane, ["entity"] = shot });

        Assert.True((bool)result["unfollowed"]!);
        Assert.Empty((JArray)await site.CallAsync("followers", new JObject { ["entity"] = shot }));
    }

    [Fact]
    public async Task Following_ByTypeAndProject_AnswersTheMatchingEntities()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var bunny = site.Add("Project", new JObject { ["name"] = "Bunny" });
        var other = site.Add("Project", new JObject { ["name"] = "Other" });
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010", ["project"] = bunny });
        var task = site.Add("Task", new JObject { ["content"] = "anim", ["project"] = bunny });
        var elsewhere = site.Add("Shot", new JObject { ["code"] = "other_010", ["project"] = other });
        foreach (var entity in new[] { shot, task, elsewhere })
        {
            await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = entity });
        }

        var all = (JArray)await site.CallAsync("following", new JObject { ["user"] = jane });
        var tasks = (JArray)await site.CallAsync("following", new JObject { ["user"] = jane, ["entity_type"] = "Task" });
        var inBunny = (JArray)await site.CallAsync("following", new JObject { ["user"] = jane, ["project"] = bunny });
        var shotsInBunny = (JArray)await site.CallAsync("following", new JObject { ["user"] = jane, ["project"] = bunny, ["entity_type"] = "Shot" });

        Assert.Equal(new[] { shot, task, elsewhere }, all.Cast<JObject>(), JToken.EqualityComparer);
        Assert.Equal(new[] { task }, tasks.Cast<JObject>(), JToken.EqualityComparer);
        Assert.Equal(new[] { shot, task }, inBunny.Cast<JObject>(), JToken.EqualityComparer);
        Assert.Equal(new[] { shot }, shotsInBunny.Cast<JObject>(), JToken.EqualityComparer);
    }

    [Fact]
    public async Task Following_RetiredEntity_IsLeftOut()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });
        await site.CallAsync("follow", new JObject { ["user"] = jane, ["entity"] = shot });

        site.Store.Delete("Shot", (int)shot["id"]!);

        Assert.Empty((JArray)await site.CallAsync("following", new JObject { ["user"] = jane }));
    }

    [Fact]
    public async Task Follow_EntityThatDoesNotExist_Answers104()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");

        var fault = await site.FaultAsync("follow", new JObject { ["user"] = jane, ["entity"] = TestSite.Link("Shot", 999) });

        Assert.Equal(104, fault.ErrorCode);
        Assert.Contains("Entity of type [Shot] with id=999 does not exist", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_UserNotAHumanUser_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });

        var fault = await site.FaultAsync("follow", new JObject { ["user"] = shot, ["entity"] = shot });

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("user must be of type HumanUser", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_EntityNotAnEntityHash_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");

        var fault = await site.FaultAsync("unfollow", new JObject { ["user"] = jane, ["entity"] = "Shot 12" });

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("entity must be an entity hash", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Followers_EntityThatDoesNotExist_Answers104()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("followers", new JObject { ["entity"] = TestSite.Link("Shot", 1167) });

        Assert.Equal(104, fault.ErrorCode);
    }

    [Fact]
    public async Task Following_UnknownEntityType_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");

        var fault = await site.FaultAsync("following", new JObject { ["user"] = jane, ["entity_type"] = "Spaceship" });

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("Spaceship", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_ProjectNotAProject_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var shot = site.Add("Shot", new JObject { ["code"] = "bunny_010" });

        var fault = await site.FaultAsync("following", new JObject { ["user"] = jane, ["project"] = shot });

        Assert.Equal(103, fault.ErrorCode);
    }

    [Fact]
    public async Task Follow_NoParameters_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("follow");

        Assert.Equal(103, fault.ErrorCode);
    }
}
