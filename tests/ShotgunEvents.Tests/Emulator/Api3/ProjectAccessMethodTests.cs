using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class ProjectAccessMethodTests
{
    private const string Method = "update_project_last_accessed_by_current_user";

    [Fact]
    public async Task UpdateProjectLastAccessed_Project_StampsTheSiteClockWithoutAnEvent()
    {
        await using var site = await ClientSite.StartAsync(fakeTime: true);
        var project = site.Add("Project", new JObject { ["name"] = "Bunny" });
        var user = site.AddUser("jane", "Jane Doe");
        site.Site.Time!.Advance(TimeSpan.FromMinutes(5));
        var events = site.Store.LatestEventId;

        var result = (JObject)await site.CallAsync(Method, new JObject { ["project_id"] = project["id"], ["user_id"] = user["id"] });

        var stamped = site.Store.Find("Project", (int)project["id"]!)!;
        Assert.Equal("2025-03-14T09:35:00Z", (string?)stamped["last_accessed_by_current_user"]);
        Assert.Equal("Project", (string?)result["type"]);
        Assert.Equal((int)project["id"]!, (int)result["id"]!);
        Assert.Equal("2025-03-14T09:35:00Z", (string?)result["last_accessed_by_current_user"]);
        Assert.Equal(events, site.Store.LatestEventId);
    }

    [Fact]
    public async Task UpdateProjectLastAccessed_NoUser_IsTheCaller()
    {
        await using var site = await ClientSite.StartAsync(fakeTime: true);
        var project = site.Add("Project", new JObject { ["name"] = "Bunny" });

        await site.CallAsync(Method, new JObject { ["project_id"] = project["id"] });

        Assert.Equal("2025-03-14T09:30:00Z", (string?)site.Store.Find("Project", (int)project["id"]!)!["last_accessed_by_current_user"]);
    }

    [Fact]
    public async Task UpdateProjectLastAccessed_ProjectThatDoesNotExist_Answers104()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync(Method, new JObject { ["project_id"] = 66 });

        Assert.Equal(104, fault.ErrorCode);
        Assert.Contains("Entity of type [Project] with id=66 does not exist", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateProjectLastAccessed_UserThatDoesNotExist_Answers104()
    {
        await using var site = await ClientSite.StartAsync();
        var project = site.Add("Project", new JObject { ["name"] = "Bunny" });

        var fault = await site.FaultAsync(Method, new JObject { ["project_id"] = project["id"], ["user_id"] = 43 });

        Assert.Equal(104, fault.ErrorCode);
        Assert.Contains("HumanUser", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateProjectLastAccessed_ProjectIdNotAnInteger_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync(Method, new JObject { ["project_id"] = "66" });

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("requires an integer project_id", fault.Message, StringComparison.Ordinal);
    }
}
