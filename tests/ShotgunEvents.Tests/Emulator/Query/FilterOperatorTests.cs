using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Emulator.Query;

/// <summary>Every filter relation of protocol §2.4 on at least one field type, over api3 <c>read</c>.</summary>
public sealed class FilterOperatorTests(FilterSiteFixture fixture) : IClassFixture<FilterSiteFixture>
{
    [Theory]
    // text: case-insensitive
    [InlineData("Shot", "code", "is", "[\"SEQ010_0010\"]", "seq010_0010")]
    [InlineData("Shot", "code", "is_not", "[\"seq010_0010\"]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "code", "contains", "[\"020\"]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "code", "not_contains", "[\"seq020\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "code", "starts_with", "[\"SEQ02\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "code", "ends_with", "[\"0010\"]", "seq010_0010,seq020_0010")]
    [InlineData("Shot", "code", "in", "[\"seq010_0020\", \"SEQ020_0010\"]", "seq010_0020,seq020_0010")]
    [InlineData("Shot", "code", "not_in", "[\"seq010_0020\", \"seq020_0010\"]", "seq010_0010,SEQ020_0020")]
    [InlineData("Shot", "description", "is", "[null]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "description", "is_not", "[null]", "seq010_0010,seq010_0020")]
    // number
    [InlineData("Shot", "sg_cut_in", "is", "[2001]", "seq020_0010")]
    [InlineData("Shot", "sg_cut_in", "less_than", "[1009]", "seq010_0010")]
    [InlineData("Shot", "sg_cut_in", "greater_than", "[1005]", "seq010_0020,seq020_0010")]
    [InlineData("Shot", "sg_cut_in", "between", "[1001, 1009]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_cut_in", "between", "[[1001, 1009]]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_cut_in", "in", "[1001, 2001]", "seq010_0010,seq020_0010")]
    [InlineData("Shot", "sg_cut_in", "not_in", "[1001]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "id", "greater_than", "[2]", "seq020_0010,SEQ020_0020")]
    // float
    [InlineData("Shot", "sg_frame_rate", "greater_than", "[24.5]", "seq010_0020")]
    [InlineData("Shot", "sg_frame_rate", "less_than", "[24.0]", "seq020_0010")]
    [InlineData("Shot", "sg_frame_rate", "is", "[25.0]", "seq010_0020")]
    [InlineData("Shot", "sg_frame_rate", "is", "[\"25.0\"]", "seq010_0020")]
    [InlineData("Shot", "sg_frame_rate", "in", "[24.0, 23.976]", "seq010_0010,seq020_0010")]
    // number: a numeric string is read as a number; between takes its bounds in either order; a nil bound matches nothing
    [InlineData("Shot", "sg_cut_in", "is", "[\"1001\"]", "seq010_0010")]
    [InlineData("Shot", "sg_cut_in", "between", "[1009, 1001]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_cut_in", "between", "[1001, null]", "")]
    // checkbox
    [InlineData("Shot", "sg_client_approved", "is", "[true]", "seq010_0010")]
    [InlineData("Shot", "sg_client_approved", "is_not", "[true]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_client_approved", "is", "[false]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_client_approved", "is", "[\"false\"]", "seq010_0020,seq020_0010,SEQ020_0020")]
    // image: only nil
    [InlineData("Shot", "image", "is", "[null]", "seq010_0010,seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "image", "is_not", "[null]", "")]
    // date (today is Friday 2025-03-14)
    [InlineData("Shot", "sg_due_date", "is", "[\"2025-03-14\"]", "seq010_0010")]
    [InlineData("Shot", "sg_due_date", "greater_than", "[\"2025-03-15\"]", "seq010_0020,seq020_0010")]
    [InlineData("Shot", "sg_due_date", "in_next", "[7, \"DAY\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_due_date", "not_in_next", "[7, \"DAY\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_due_date", "in_last", "[1, \"DAY\"]", "seq010_0010")]
    [InlineData("Shot", "sg_due_date", "in_calendar_day", "[0]", "seq010_0010")]
    [InlineData("Shot", "sg_due_date", "in_calendar_week", "[0]", "seq010_0010")]
    [InlineData("Shot", "sg_due_date", "in_calendar_week", "[1]", "seq010_0020")]
    [InlineData("Shot", "sg_due_date", "in_calendar_month", "[0]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_due_date", "in_calendar_month", "[1]", "seq020_0010")]
    [InlineData("Shot", "sg_due_date", "in_calendar_year", "[0]", "seq010_0010,seq010_0020,seq020_0010")]
    [InlineData("Shot", "sg_due_date", "in_calendar_day", "[-1]", "")]
    [InlineData("Shot", "sg_due_date", "in", "[\"2025-03-14\", \"2025-04-02\"]", "seq010_0010,seq020_0010")]
    [InlineData("Shot", "sg_due_date", "not_in", "[\"2025-03-14\"]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_due_date", "between", "[\"2025-03-20\", \"2025-03-14\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_due_date", "is", "[\"\"]", "SEQ020_0020")]
    [InlineData("Shot", "sg_due_date", "less_than", "[\"2025-03-14\"]", "")]
    // date_time
    [InlineData("Shot", "sg_last_published_at", "in_last", "[2, \"HOUR\"]", "seq010_0010")]
    [InlineData("Shot", "sg_last_published_at", "in_last", "[1, \"WEEK\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "sg_last_published_at", "not_in_last", "[1, \"WEEK\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_last_published_at", "in_last", "[3, \"MONTH\"]", "seq010_0010,seq010_0020,seq020_0010")]
    [InlineData("Shot", "sg_last_published_at", "in_next", "[1, \"YEAR\"]", "")]
    [InlineData("Shot", "sg_last_published_at", "not_in_next", "[1, \"DAY\"]", "seq010_0010,seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_last_published_at", "in_calendar_day", "[0]", "seq010_0010")]
    [InlineData("Shot", "sg_last_published_at", "in_calendar_year", "[-1]", "seq020_0010")]
    [InlineData("Shot", "sg_last_published_at", "between", "[\"2025-03-01T00:00:00Z\", \"2025-03-12T00:00:00Z\"]", "seq010_0020")]
    [InlineData("Shot", "sg_last_published_at", "less_than", "[\"2025-01-01T00:00:00Z\"]", "seq020_0010")]
    [InlineData("Shot", "sg_last_published_at", "is", "[\"2025-03-14T08:00:00Z\"]", "seq010_0010")]
    // status_list and list
    [InlineData("Shot", "sg_status_list", "is", "[\"ip\"]", "seq010_0010")]
    [InlineData("Shot", "sg_status_list", "is_not", "[\"hld\"]", "seq010_0010,seq010_0020,seq020_0010")]
    [InlineData("Shot", "sg_status_list", "in", "[\"wtg\", \"fin\"]", "seq010_0020,seq020_0010")]
    [InlineData("Shot", "sg_status_list", "not_in", "[\"ip\"]", "seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_shot_type", "is", "[\"VFX\"]", "seq010_0010")]
    [InlineData("Shot", "sg_shot_type", "is", "[\"vfx\"]", "seq010_0010")]
    [InlineData("Shot", "sg_shot_type", "is", "[\"\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "sg_status_list", "is", "[\"IP\"]", "seq010_0010")]
    // entity
    [InlineData("Shot", "project", "is", "[{\"type\": \"Project\", \"id\": 1}]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "project", "is", "[null]", "SEQ020_0020")]
    [InlineData("Shot", "project", "is_not", "[{\"type\": \"Project\", \"id\": 1}]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "project", "in", "[{\"type\": \"Project\", \"id\": 2}, {\"type\": \"Project\", \"id\": 7}]", "seq020_0010")]
    [InlineData("Shot", "project", "not_in", "[{\"type\": \"Project\", \"id\": 2}]", "seq010_0010,seq010_0020,SEQ020_0020")]
    [InlineData("Shot", "project", "type_is", "[\"Project\"]", "seq010_0010,seq010_0020,seq020_0010")]
    [InlineData("Shot", "project", "type_is_not", "[\"Project\"]", "SEQ020_0020")]
    [InlineData("Shot", "project", "type_is", "[null]", "")]
    [InlineData("Shot", "project", "type_is_not", "[null]", "seq010_0010,seq010_0020,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "project", "name_contains", "[\"UNN\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "project", "name_not_contains", "[\"bun\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "project", "name_is", "[\"other\"]", "seq020_0010")]
    [InlineData("Task", "entity", "type_is", "[\"Asset\"]", "Model")]
    [InlineData("Task", "entity", "type_is_not", "[\"Shot\"]", "Model,Comp")]
    // multi_entity: is means contains
    [InlineData("Shot", "assets", "is", "[{\"type\": \"Asset\", \"id\": 1}]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "assets", "is_not", "[{\"type\": \"Asset\", \"id\": 1}]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "assets", "in", "[{\"type\": \"Asset\", \"id\": 2}]", "seq010_0020")]
    [InlineData("Shot", "assets", "in", "[{\"type\": \"Asset\", \"id\": 1}, {\"type\": \"Asset\", \"id\": 2}]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "assets", "not_in", "[{\"type\": \"Asset\", \"id\": 2}]", "seq010_0010,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "assets", "type_is", "[\"Asset\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "assets", "name_not_contains", "[\"bunny\"]", "seq010_0010,seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "assets", "is", "[null]", "seq020_0010,SEQ020_0020")]
    [InlineData("Task", "task_assignees", "name_contains", "[\"bob\"]", "Model")]
    [InlineData("Task", "task_assignees", "name_is", "[\"jane doe\"]", "Anim,Model")]
    [InlineData("Task", "task_assignees", "type_is", "[\"HumanUser\"]", "Anim,Model")]
    [InlineData("Task", "task_assignees", "name_not_contains", "[\"bob\"]", "Anim,Comp")]
    [InlineData("Task", "task_assignees", "type_is_not", "[\"HumanUser\"]", "Comp")]
    // tag_list: is means contains
    [InlineData("Shot", "tag_list", "is", "[\"hero\"]", "seq010_0010")]
    [InlineData("Shot", "tag_list", "is", "[\"FX\"]", "seq010_0010,seq010_0020")]
    [InlineData("Shot", "tag_list", "is_not", "[\"fx\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "tag_list", "name_contains", "[\"ER\"]", "seq010_0010")]
    [InlineData("Shot", "tag_list", "name_not_contains", "[\"f\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Shot", "tag_list", "is", "[null]", "seq020_0010,SEQ020_0020")]
    // entity_type
    [InlineData("Step", "entity_type", "is", "[\"Shot\"]", "Layout")]
    [InlineData("Step", "entity_type", "in", "[\"Asset\", \"Version\"]", "Rig")]
    [InlineData("Step", "entity_type", "is", "[\"shot\"]", "")]
    [InlineData("Step", "entity_type", "not_in", "[\"Shot\"]", "Rig")]
    // deep links
    [InlineData("Shot", "sg_sequence.Sequence.code", "is", "[\"seq020\"]", "seq020_0010,SEQ020_0020")]
    [InlineData("Task", "entity.Shot.code", "starts_with", "[\"seq010\"]", "Anim")]
    [InlineData("Task", "entity.Shot.sg_cut_in", "greater_than", "[1000]", "Anim")]
    [InlineData("Task", "entity.Asset.code", "is", "[\"buck\"]", "Model")]
    [InlineData("Task", "entity.Shot.code", "is_not", "[\"seq010_0010\"]", "Model,Comp")]
    [InlineData("Shot", "assets.Asset.code", "is", "[\"Bunny\"]", "seq010_0020")]
    public async Task Read_Relation_MatchesTheExpectedRows(string type, string path, string relation, string valuesJson, string expected)
    {
        var rows = await fixture.Site.ReadAsync(type, new JObject
        {
            ["logical_operator"] = "and",
            ["conditions"] = new JArray(new JObject { ["path"] = path, ["relation"] = relation, ["values"] = JArray.Parse(valuesJson) }),
        }, [type == "Task" ? "content" : "code"]);

        var names = rows.Select(r => (string?)r["code"] ?? (string?)r["content"]).ToList();
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), names);
    }

    [Fact]
    public async Task Read_NestedLogicalGroups_CombineAndOr()
    {
        var filters = new JObject
        {
            ["logical_operator"] = "or",
            ["conditions"] = new JArray(
                new JObject { ["path"] = "code", ["relation"] = "is", ["values"] = new JArray("seq010_0010") },
                new JObject
                {
                    ["logical_operator"] = "and",
                    ["conditions"] = new JArray(
                        new JObject { ["path"] = "sg_status_list", ["relation"] = "is", ["values"] = new JArray("fin") },
                        new JObject { ["path"] = "sg_cut_in", ["relation"] = "greater_than", ["values"] = new JArray(2000) }),
                }),
        };

        var rows = await fixture.Site.ReadAsync("Shot", filters, ["code"]);

        Assert.Equal(["seq010_0010", "seq020_0010"], rows.Select(r => (string?)r["code"]));
    }

    [Fact]
    public async Task Read_PythonListFilters_AreAcceptedToo()
    {
        var filters = JArray.Parse("""[["sg_cut_in", "between", [1001, 1009]], {"filter_operator": "any", "filters": [["code", "ends_with", "20"], ["sg_status_list", "is", "ip"]]}]""");

        var rows = await fixture.Site.ReadAsync("Shot", filters, ["code"]);

        Assert.Equal(["seq010_0010", "seq010_0020"], rows.Select(r => (string?)r["code"]));
    }

    [Theory]
    [InlineData("EventLogEntry", "meta", "is", "[{}]", "EventLogEntry.meta's 'serializable' data type cannot be used in a filter.")]
    [InlineData("Shot", "sg_pipeline_data", "is", "[null]", "Shot.sg_pipeline_data's 'serializable' data type cannot be used in a filter.")]
    [InlineData("Shot", "sg_review_link", "is", "[null]", "Shot.sg_review_link's 'url' data type cannot be used in a filter.")]
    [InlineData("Shot", "code", "greater_than", "[\"x\"]",
        "Shot.code's 'text' data type doesn't support 'greater_than' 'relation'. Valid relations: [\"contains\", \"not_contains\", \"is\", \"is_not\", \"starts_with\", \"ends_with\", \"in\", \"not_in\"]")]
    [InlineData("Shot", "code", "sounds_like", "[\"x\"]", "Shot.code's 'text' data type doesn't support 'sounds_like' 'relation'")]
    [InlineData("Shot", "sg_cut_in", "not_between", "[1001, 1009]", "Valid relations: [\"is\", \"is_not\", \"greater_than\", \"less_than\", \"between\", \"in\", \"not_in\"]")]
    [InlineData("Shot", "project", "name_starts_with", "[\"Oth\"]",
        "Valid relations: [\"is\", \"is_not\", \"name_contains\", \"name_not_contains\", \"name_is\", \"type_is\", \"type_is_not\", \"in\", \"not_in\"]")]
    [InlineData("Shot", "sg_status_list", "contains", "[\"i\"]", "Valid relations: [\"is\", \"is_not\", \"in\", \"not_in\"]")]
    [InlineData("Shot", "sg_due_date", "not_between", "[\"2025-01-01\", \"2025-12-31\"]", "Shot.sg_due_date's 'date' data type doesn't support 'not_between' 'relation'")]
    [InlineData("Shot", "image", "in", "[null]", "Shot.image's 'image' data type doesn't support 'in' 'relation'. Valid relations: [\"is\", \"is_not\"]")]
    [InlineData("Shot", "image", "is", "[\"\"]", "'is' 'relation' expects a nil value for 'image' data type: [\"\"]")]
    [InlineData("Shot", "project", "is", "[5]", "Shot.project expected [Hash, ActiveSupport::HashWithIndifferentAccess, ActionDispatch::Http::Parameters, ActionDispatch::Http::ParamsHashWithIndifferentAccess, NilClass] data type(s) but got Integer: 5")]
    [InlineData("Shot", "project", "in", "[{\"id\": 1}]", "invalid/missing entity hash string 'type': {\"id\" => 1}")]
    [InlineData("Shot", "assets", "in", "[3]", "invalid/missing entity hash: 3")]
    [InlineData("Shot", "sg_frame_rate", "is", "[24]", "Shot.sg_frame_rate expected [String, BigDecimal, Float, NilClass] data type(s) but got Integer: 24")]
    [InlineData("Shot", "sg_cut_in", "is", "[3.7]", "Shot.sg_cut_in expected [String, Integer, NilClass] data type(s) but got Float: 3.7")]
    [InlineData("Shot", "sg_client_approved", "is", "[null]", "Shot.sg_client_approved expected [String, FalseClass, TrueClass] data type(s) but got NilClass: nil")]
    [InlineData("Shot", "sg_cut_in", "in", "[]", "'in' 'relation' expects at least a 1-element array: []")]
    [InlineData("Shot", "code", "is", "[\"a\", \"b\"]", "'is' 'relation' expects a 1-element array: [\"a\", \"b\"]")]
    [InlineData("Shot", "sg_cut_in", "between", "[1]", "'between' 'relation' expects a 2-element array: [1]")]
    [InlineData("Shot", "sg_due_date", "in_last", "[1]", "'in_last' 'relation' expects a 2-element array: [1]")]
    [InlineData("Shot", "sg_due_date", "in_last", "[100, \"day\"]",
        "'in_last' 'relation' doesn't support the 'day' time unit: [100, \"day\"] Valid time units: [\"HOUR\", \"DAY\", \"WEEK\", \"MONTH\", \"YEAR\"]")]
    [InlineData("Shot", "sg_due_date", "in_last", "[-10, \"DAY\"]", "'in_last' 'relation' expects at a positive Integer time unit: [-10, \"DAY\"]")]
    [InlineData("Shot", "sg_due_date", "is", "[20250314]", "Shot.sg_due_date expected [String, NilClass] data type(s) but got Integer: 20250314")]
    public async Task Read_BadCondition_AnswersAFaultNamingTheProblem(string type, string path, string relation, string valuesJson, string expected)
    {
        var error = await fixture.Site.FaultAsync("read", new JObject
        {
            ["type"] = type,
            ["filters"] = new JObject
            {
                ["logical_operator"] = "and",
                ["conditions"] = new JArray(new JObject { ["path"] = path, ["relation"] = relation, ["values"] = JArray.Parse(valuesJson) }),
            },
            ["return_fields"] = new JArray("id"),
        });

        Assert.Contains(expected, (string?)error["message"]);
        Assert.StartsWith("API read() ", (string?)error["message"]);
        Assert.Equal(103, (int)error["error_code"]!);
    }

    /// <summary>A value in a format the type refuses: the site answers with the value check's own text, without the <c>API read()</c> prefix.</summary>
    [Theory]
    [InlineData("Shot", "sg_cut_in", "is", "[\"ten\"]", 103, "Invalid data for 'number' data type. Value: ten")]
    [InlineData("Shot", "sg_client_approved", "is", "[\"1\"]", 103, "Invalid data for 'checkbox' data type. Value: 1")]
    [InlineData("Shot", "sg_due_date", "is", "[\"2025-03-14T00:00:00Z\"]", 103, "Invalid date format: 2025-03-14T00:00:00Z. Correct format is: 2011-01-21")]
    [InlineData("EventLogEntry", "session_uuid", "is", "[\"not-a-uuid\"]", 104,
        "Please check your filters for possible invalid value, invalid input syntax for type uuid: \"not-a-uuid\". -- Read failed for entity type [EventLogEntry]")]
    public async Task Read_ValueInAFormatTheTypeRefuses_AnswersTheValueCheckText(string type, string path, string relation, string valuesJson, int code, string expected)
    {
        var error = await fixture.Site.FaultAsync("read", new JObject
        {
            ["type"] = type,
            ["filters"] = new JObject
            {
                ["logical_operator"] = "and",
                ["conditions"] = new JArray(new JObject { ["path"] = path, ["relation"] = relation, ["values"] = JArray.Parse(valuesJson) }),
            },
            ["return_fields"] = new JArray("id"),
        });

        Assert.Equal(expected, (string?)error["message"]);
        Assert.Equal(code, (int)error["error_code"]!);
    }
}
