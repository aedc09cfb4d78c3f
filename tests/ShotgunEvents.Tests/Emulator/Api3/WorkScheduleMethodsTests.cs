using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class WorkScheduleMethodsTests
{
    private static JObject Range(string start, string end, JToken? project = null, JToken? user = null) => new()
    {
        ["start_date"] = start,
        ["end_date"] = end,
        ["project"] = project ?? JValue.CreateNull(),
        ["user"] = user ?? JValue.CreateNull(),
    };

    private static JObject Day(string date, bool working, string? description, JToken? project = null, JToken? user = null) => new()
    {
        ["date"] = date,
        ["working"] = working,
        ["description"] = description,
        ["project"] = project ?? JValue.CreateNull(),
        ["user"] = user ?? JValue.CreateNull(),
        ["recalculate_field"] = null,
    };

    [Fact]
    public async Task WorkScheduleRead_AWeek_WorksMondayToFriday()
    {
        await using var site = await ClientSite.StartAsync();

        // 2012-01-01 is a Sunday.
        var schedule = (JObject)await site.CallAsync("work_schedule_read", Range("2012-01-01", "2012-01-07"));

        Assert.Equal(["2012-01-01", "2012-01-02", "2012-01-03", "2012-01-04", "2012-01-05", "2012-01-06", "2012-01-07"], schedule.Properties().Select(p => p.Name));
        Assert.Equal(new JObject { ["description"] = null, ["reason"] = "STUDIO_WORK_WEEK", ["working"] = true }, schedule["2012-01-02"]!, JToken.EqualityComparer);
        Assert.False((bool)schedule["2012-01-01"]!["working"]!);
        Assert.False((bool)schedule["2012-01-07"]!["working"]!);
        Assert.Equal("STUDIO_WORK_WEEK", (string?)schedule["2012-01-07"]!["reason"]);
    }

    [Fact]
    public async Task WorkScheduleUpdate_Studio_AnswersTheRuleAndReadsAsAStudioException()
    {
        await using var site = await ClientSite.StartAsync();

        var rule = (JObject)await site.CallAsync("work_schedule_update", Day("2012-01-02", false, "Studio Holiday"));
        var schedule = (JObject)await site.CallAsync("work_schedule_read", Range("2012-01-02", "2012-01-03"));

        Assert.Equal(new JObject { ["date"] = "2012-01-02", ["description"] = "Studio Holiday", ["project"] = null, ["user"] = null, ["working"] = false },
            rule, JToken.EqualityComparer);
        Assert.Equal(new JObject { ["description"] = "Studio Holiday", ["reason"] = "STUDIO_EXCEPTION", ["working"] = false }, schedule["2012-01-02"]!, JToken.EqualityComparer);
        Assert.Equal("STUDIO_WORK_WEEK", (string?)schedule["2012-01-03"]!["reason"]);
    }

    [Fact]
    public async Task WorkScheduleUpdate_ProjectAndUserDays_ReadAsTheirExceptionsOnlyWhenAsked()
    {
        await using var site = await ClientSite.StartAsync();
        var project = site.Add("Project", new JObject { ["name"] = "Bunny" });
        var user = site.AddUser("jane", "Jane Doe");

        var projectRule = (JObject)await site.CallAsync("work_schedule_update", Day("2012-01-03", false, "Project Holiday", project: project));
        var userRule = (JObject)await site.CallAsync("work_schedule_update", Day("2012-01-04", false, "Artist Holiday", user: user));
        var weekend = (JObject)await site.CallAsync("work_schedule_update", Day("2012-01-07", true, null));
        var both = (JObject)await site.CallAsync("work_schedule_read", Range("2012-01-03", "2012-01-07", project, user));
        var studio = (JObject)await site.CallAsync("work_schedule_read", Range("2012-01-03", "2012-01-07"));

        // The Python API's live test compares these with the project and user it passed: type, id and name.
        Assert.Equal(new JObject { ["type"] = "Project", ["id"] = project["id"], ["name"] = "Bunny" }, projectRule["project"]!, JToken.EqualityComparer);
        Assert.Equal(new JObject { ["type"] = "HumanUser", ["id"] = user["id"], ["name"] = "Jane Doe" }, userRule["user"]!, JToken.EqualityComparer);
        Assert.True((bool)weekend["working"]!);
        Assert.Equal(new JObject { ["description"] = "Project Holiday", ["reason"] = "PROJECT_EXCEPTION", ["working"] = false }, both["2012-01-03"]!, JToken.EqualityComparer);
        Assert.Equal(new JObject { ["description"] = "Artist Holiday", ["reason"] = "USER_EXCEPTION", ["working"] = false }, both["2012-01-04"]!, JToken.EqualityComparer);
        Assert.Equal("STUDIO_EXCEPTION", (string?)both["2012-01-07"]!["reason"]);
        Assert.True((bool)both["2012-01-07"]!["working"]!);
        Assert.Equal("STUDIO_WORK_WEEK", (string?)studio["2012-01-03"]!["reason"]);
        Assert.True((bool)studio["2012-01-04"]!["working"]!);
    }

    [Fact]
    public async Task WorkScheduleUpdate_SameDayTwice_KeepsTheLastRule()
    {
        await using var site = await ClientSite.StartAsync();

        await site.CallAsync("work_schedule_update", Day("2012-01-02", false, "Closed"));
        await site.CallAsync("work_schedule_update", Day("2012-01-02", true, "Open after all"));
        var schedule = (JObject)await site.CallAsync("work_schedule_read", Range("2012-01-02", "2012-01-02"));

        Assert.Equal(new JObject { ["description"] = "Open after all", ["reason"] = "STUDIO_EXCEPTION", ["working"] = true }, schedule["2012-01-02"]!, JToken.EqualityComparer);
    }

    [Fact]
    public async Task WorkScheduleUpdate_ProjectAndUserTogether_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var project = site.Add("Project", new JObject { ["name"] = "Bunny" });
        var user = site.AddUser("jane", "Jane Doe");

        var fault = await site.FaultAsync("work_schedule_update", Day("2012-01-02", false, null, project, user));

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("not both", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2012-1-2")]
    [InlineData("2012-01-02T00:00:00Z")]
    [InlineData("")]
    public async Task WorkScheduleRead_DateNotYearMonthDay_Answers103(string date)
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("work_schedule_read", Range(date, "2012-01-07"));

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("start_date must be a date as \"YYYY-MM-DD\"", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkScheduleRead_EndBeforeStart_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("work_schedule_read", Range("2012-01-07", "2012-01-01"));

        Assert.Equal(103, fault.ErrorCode);
    }

    [Fact]
    public async Task WorkScheduleRead_TooManyDays_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("work_schedule_read", Range("2000-01-01", "2020-01-01"));

        Assert.Equal(103, fault.ErrorCode);
    }

    [Fact]
    public async Task WorkScheduleRead_UserThatDoesNotExist_Answers104()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("work_schedule_read", Range("2012-01-01", "2012-01-07", user: TestSite.Link("HumanUser", 404)));

        Assert.Equal(104, fault.ErrorCode);
    }

    [Fact]
    public async Task WorkScheduleUpdate_WorkingNotABoolean_Answers103()
    {
        await using var site = await ClientSite.StartAsync();
        var day = Day("2012-01-02", false, null);
        day["working"] = "no";

        var fault = await site.FaultAsync("work_schedule_update", day);

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("working must be true or false", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkScheduleUpdate_RecalculateFieldNotDueDateOrDuration_Answers103AndChangesNothing()
    {
        await using var site = await ClientSite.StartAsync();
        var day = Day("2012-01-02", false, "Closed");
        day["recalculate_field"] = "start_date";

        var fault = await site.FaultAsync("work_schedule_update", day);
        var schedule = (JObject)await site.CallAsync("work_schedule_read", Range("2012-01-02", "2012-01-02"));

        Assert.Equal(103, fault.ErrorCode);
        Assert.Equal("STUDIO_WORK_WEEK", (string?)schedule["2012-01-02"]!["reason"]);
    }

    [Fact]
    public async Task WorkScheduleUpdate_RecalculateFieldDuration_IsAccepted()
    {
        await using var site = await ClientSite.StartAsync();
        var day = Day("2012-01-02", false, "Closed");
        day["recalculate_field"] = "duration";

        var rule = (JObject)await site.CallAsync("work_schedule_update", day);

        Assert.False((bool)rule["working"]!);
    }
}
