using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class UserSubscriptionMethodsTests
{
    [Fact]
    public async Task UserSubscriptionsRead_NoneAssigned_ListsEveryUserWithNull()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var ben = site.AddUser("ben", "Ben Ortiz");

        var subscriptions = (JArray)await site.CallAsync("user_subscriptions_read");

        Assert.Equal(
            new JArray(
                new JObject { ["humanUserId"] = jane["id"], ["subscription"] = null },
                new JObject { ["humanUserId"] = ben["id"], ["subscription"] = null }),
            subscriptions, JToken.EqualityComparer);
    }

    [Fact]
    public async Task UserSubscriptionsCreate_ThenRead_ShowsWhatWasAssigned()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");
        var ben = site.AddUser("ben", "Ben Ortiz");

        var result = (JObject)await site.CallAsync("user_subscriptions_create", new JObject
        {
            ["users"] = new JArray(
                new JObject { ["humanUserId"] = jane["id"], ["subscription"] = "FPTR" },
                new JObject { ["humanUserId"] = ben["id"], ["subscription"] = new JArray("FPTR", "REVIEW") }),
        });
        var subscriptions = (JArray)await site.CallAsync("user_subscriptions_read");

        Assert.Equal("success", (string?)result["status"]);
        Assert.Equal("FPTR", (string?)subscriptions[0]["subscription"]);
        Assert.Equal(new JArray("FPTR", "REVIEW"), subscriptions[1]["subscription"]!, JToken.EqualityComparer);
    }

    [Fact]
    public async Task UserSubscriptionsCreate_UnknownUser_Answers104AndAssignsNothing()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");

        var fault = await site.FaultAsync("user_subscriptions_create", new JObject
        {
            ["users"] = new JArray(
                new JObject { ["humanUserId"] = jane["id"], ["subscription"] = "FPTR" },
                new JObject { ["humanUserId"] = 404, ["subscription"] = "FPTR" }),
        });
        var subscriptions = (JArray)await site.CallAsync("user_subscriptions_read");

        Assert.Equal(104, fault.ErrorCode);
        Assert.Equal(JTokenType.Null, subscriptions[0]["subscription"]!.Type);
    }

    [Fact]
    public async Task UserSubscriptionsCreate_SubscriptionNotAStringOrList_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var jane = site.AddUser("jane", "Jane Doe");

        var fault = await site.FaultAsync("user_subscriptions_create", new JObject
        {
            ["users"] = new JArray(new JObject { ["humanUserId"] = jane["id"], ["subscription"] = 7 }),
        });

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("subscription must be null, a string or a list of strings", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserSubscriptionsCreate_UsersNotAList_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("user_subscriptions_create", new JObject { ["users"] = new JObject() });

        Assert.Equal(103, fault.ErrorCode);
    }

    [Fact]
    public async Task UserSubscriptionsCreate_EntryWithoutAnId_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("user_subscriptions_create", new JObject
        {
            ["users"] = new JArray(new JObject { ["login"] = "jane", ["subscription"] = "FPTR" }),
        });

        Assert.Equal(103, fault.ErrorCode);
    }
}
