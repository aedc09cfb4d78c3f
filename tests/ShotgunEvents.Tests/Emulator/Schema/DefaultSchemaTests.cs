using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Emulator.Support;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Emulator.Schema;

/// <summary>The shipped schema is a fresh site's: its entity types and the standard fields clients ask for.</summary>
public sealed class DefaultSchemaTests
{
    // The 77 types of a real site's schema_entity_read (the Python API's own mockgun fixture).
    private static readonly string[] SiteTypes =
    [
        "ActionMenuItem", "ApiUser", "AppWelcomeUserConnection", "Asset", "AssetAssetConnection", "AssetBlendshapeConnection",
        "AssetElementConnection", "AssetLibrary", "AssetMocapTakeConnection", "AssetSceneConnection", "AssetSequenceConnection",
        "AssetShootDayConnection", "AssetShotConnection", "Attachment", "BannerUserConnection", "Booking", "CameraMocapTakeConnection",
        "CustomEntity01", "CustomEntity02", "CustomEntity03", "CustomEntity04", "CustomEntity05", "CustomNonProjectEntity01",
        "CustomNonProjectEntity02", "CustomNonProjectEntity03", "CutVersionConnection", "Department", "Element", "ElementShotConnection",
        "EventLogEntry", "FilesystemLocation", "Group", "GroupUserConnection", "HumanUser", "Icon", "LaunchSceneConnection",
        "LaunchShotConnection", "LocalStorage", "MocapTakeRangeShotConnection", "Note", "Page", "PageHit", "PageSetting",
        "PerformerMocapTakeConnection", "PerformerRoutineConnection", "PerformerShootDayConnection", "PermissionRuleSet", "Phase",
        "PhysicalAssetMocapTakeConnection", "PipelineConfiguration", "Playlist", "PlaylistVersionConnection", "Project",
        "ProjectUserConnection", "PublishedFile", "PublishedFileDependency", "PublishedFileType", "ReleaseTicketConnection", "Reply",
        "RevisionRevisionConnection", "RevisionTicketConnection", "Scene", "Sequence", "ShootDaySceneConnection", "Shot",
        "ShotShotConnection", "Status", "Step", "Task", "TaskDependency", "TaskTemplate", "TankDependency", "TankPublishedFile",
        "TankType", "TicketTicketConnection", "TimeLog", "Version",
    ];

    [Fact]
    public void LoadDefault_HasEveryTypeOfAFreshSite()
    {
        var schema = SchemaLoader.LoadDefault();

        Assert.Equal(77, SiteTypes.Length);
        Assert.All(SiteTypes, t => Assert.True(schema.TryGetEntity(t, out _), $"the default schema lacks {t}"));
        Assert.Empty(schema.Warnings);
        Assert.Equal("Person", schema.GetEntity("HumanUser", "read").DisplayName);
    }

    [Theory]
    [InlineData("HumanUser", "locked_until", "date_time")]
    [InlineData("HumanUser", "department", "entity")]
    [InlineData("Task", "color", "color")]
    [InlineData("Task", "time_logs_sum", "summary")]
    [InlineData("PlaylistVersionConnection", "playlist", "entity")]
    [InlineData("PlaylistVersionConnection", "version", "entity")]
    [InlineData("PipelineConfiguration", "plugin_ids", "text")]
    [InlineData("Attachment", "this_file", "url")]
    [InlineData("TimeLog", "duration", "duration")]
    [InlineData("Reply", "entity", "entity")]
    public void LoadDefault_StandardField_HasTheSiteDataType(string type, string field, string dataType)
    {
        var entity = SchemaLoader.LoadDefault().GetEntity(type, "read");

        Assert.True(entity.TryGetField(field, out var schema), $"{type}.{field} is missing");
        Assert.Equal(dataType, schema.DataTypeName);
    }

    [Fact]
    public async Task DemoSeed_OnTheDefaultSchema_LinksPeopleToDepartmentsAndAnswersLockedUntil()
    {
        await using var site = await TestSite.StartAsync(seed: EmulatorSeed.Demo);

        var users = await site.ReadAsync("HumanUser", fields: ["login", "department", "locked_until"]);
        var ben = users.Single(u => (string?)u["login"] == "ben.ortiz");

        Assert.Equal("Department", (string?)ben["department"]!["type"]);
        Assert.Equal("Animation", (string?)ben["department"]!["name"]);
        Assert.Equal(JTokenType.Null, ben["locked_until"]!.Type);
    }
}
