using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class SchemaMethodsTests
{
    [Fact]
    public async Task SchemaRead_ReturnsEveryTypeWithFieldDefinitions()
    {
        await using var site = await TestSite.StartAsync();

        var schema = (JObject)await site.ResultsAsync("schema_read");

        foreach (var type in new[] { "Project", "Sequence", "Shot", "Asset", "Task", "Version", "PublishedFile", "Note", "Playlist", "HumanUser", "ApiUser", "Group", "Step", "EventLogEntry" })
        {
            Assert.True(schema.ContainsKey(type), $"schema_read lacks {type}");
        }

        var status = schema["Shot"]!["sg_status_list"]!;
        Assert.Equal("status_list", (string?)status["data_type"]!["value"]);
        Assert.False((bool)status["data_type"]!["editable"]!);
        Assert.Equal("wtg", (string?)status["properties"]!["default_value"]!["value"]);
        Assert.Contains("ip", status["properties"]!["valid_values"]!["value"]!.Values<string>());
        Assert.Equal("serializable", (string?)schema["EventLogEntry"]!["meta"]!["data_type"]!["value"]);
        Assert.Equal(new[] { "Project" }, schema["Shot"]!["project"]!["properties"]!["valid_types"]!["value"]!.Values<string>());
    }

    [Fact]
    public async Task SchemaRead_CoversTheCommonDataTypes()
    {
        await using var site = await TestSite.StartAsync();

        var schema = (JObject)await site.ResultsAsync("schema_read");

        var types = schema.Properties().SelectMany(t => ((JObject)t.Value).Properties()).Select(f => (string?)f.Value["data_type"]!["value"]).ToHashSet();
        foreach (var type in new[] { "text", "number", "float", "checkbox", "date", "date_time", "status_list", "list", "entity", "multi_entity", "serializable", "url", "uuid", "entity_type", "tag_list" })
        {
            Assert.Contains(type, types);
        }
    }

    [Fact]
    public async Task SchemaEntityRead_ReturnsNameAndVisibility()
    {
        await using var site = await TestSite.StartAsync();

        var entities = (JObject)await site.ResultsAsync("schema_entity_read");

        Assert.Equal("Shot", (string?)entities["Shot"]!["name"]!["value"]);
        Assert.True((bool)entities["Shot"]!["visible"]!["value"]!);
    }

    [Fact]
    public async Task SchemaFieldRead_OneField_ReturnsOnlyIt()
    {
        await using var site = await TestSite.StartAsync();

        var fields = (JObject)await site.ResultsAsync("schema_field_read", new JObject { ["type"] = "Task", ["field_name"] = "task_assignees" });

        Assert.Single(fields.Properties());
        Assert.Equal("multi_entity", (string?)fields["task_assignees"]!["data_type"]!["value"]);
    }

    [Fact]
    public async Task SchemaFieldRead_WholeType_ReturnsEveryField()
    {
        await using var site = await TestSite.StartAsync();

        var fields = (JObject)await site.ResultsAsync("schema_field_read", new JObject { ["type"] = "EventLogEntry" });

        Assert.Equal(["attribute_name", "created_at", "description", "entity", "event_type", "id", "meta", "project", "session_uuid", "user"],
            JsonKeys.Sorted(fields));
    }

    [Fact]
    public async Task SchemaFieldRead_UnknownField_AnswersTheSiteText()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("schema_field_read", new JObject { ["type"] = "Shot", ["field_name"] = "foo" });

        Assert.Equal("API schema_field_read() Shot.foo doesn't exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task Read_UnknownType_AnswersTheSiteText()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("read", new JObject { ["type"] = "Spaceship", ["filters"] = new JObject(), ["return_fields"] = new JArray("id") });

        Assert.Equal("API read() Entity type 'Spaceship' does not exist.", (string?)error["message"]);
    }
}
