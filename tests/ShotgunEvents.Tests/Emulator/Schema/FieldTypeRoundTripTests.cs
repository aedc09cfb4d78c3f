using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Emulator.Schema;

/// <summary>
/// Every data type through create, update and read with our client over loopback: valid values come back as a site
/// stores them, invalid ones fail with a fault naming the field and what it expects.
/// </summary>
public sealed class FieldTypeRoundTripTests(FieldTypeSite site) : IClassFixture<FieldTypeSite>
{
    public static TheoryData<string, string, string> Valid => new()
    {
        { "sg_number", "42", "42" },
        { "sg_float", "23.976", "23.976" },
        { "sg_checkbox", "true", "true" },
        { "sg_date", "\"2025-03-14\"", "\"2025-03-14\"" },
        { "sg_date_time", "\"2025-03-14T09:30:00Z\"", "\"2025-03-14T09:30:00Z\"" },
        { "sg_duration", "480", "480" },
        { "sg_percent", "50", "50" },
        { "sg_currency", "1234.5", "1234.5" },
        { "sg_timecode", "3600000", "3600000" },
        { "sg_color", "\"255,0,0\"", "\"255,0,0\"" },
        { "sg_color", "\"pipeline_step\"", "\"pipeline_step\"" },
        // A site stores any text in a color field: the Python API's live suite sets a Task's color to "Black".
        { "sg_color", "\"Black\"", "\"Black\"" },
        { "sg_color", "\"300,0,0\"", "\"300,0,0\"" },
        { "sg_list", "\"Hero\"", "\"Hero\"" },
        { "sg_status_list", "\"ip\"", "\"ip\"" },
        { "sg_url", "{\"url\": \"https://example.com/cut.mov\", \"name\": \"Cut\"}", "{\"url\": \"https://example.com/cut.mov\", \"name\": \"Cut\", \"link_type\": \"web\", \"content_type\": null}" },
        { "sg_url", "{\"local_path\": \"/mnt/show/cut.mov\"}", "{\"local_path\": \"/mnt/show/cut.mov\", \"name\": \"cut.mov\", \"link_type\": \"local\", \"content_type\": null}" },
        { "tag_list", "[\"hero\", \"fx\", \"hero\"]", "[\"hero\", \"fx\"]" },
        { "sg_serializable", "{\"frames\": [1001, 1100], \"nested\": {\"ok\": true}}", "{\"frames\": [1001, 1100], \"nested\": {\"ok\": true}}" },
        { "sg_uuid", "\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"", "\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"" },
        { "sg_entity_type", "\"Widget\"", "\"Widget\"" },
        { "sg_footage", "\"12-08\"", "\"12-08\"" },
        { "sg_system_task_type", "\"task\"", "\"task\"" },
        { "sg_password", "\"s3cret\"", "null" },
        // A data type the emulator does not know keeps what was sent.
        { "sg_unheard_of", "\"x\"", "\"x\"" },
        { "sg_unheard_of", "{\"spin\": \"up\"}", "{\"spin\": \"up\"}" },
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "sg_number", "\"ten\"", "Widget.sg_number expects an integer (number field), got \"ten\"." },
        { "sg_float", "\"fast\"", "Widget.sg_float expects a number (float field)" },
        { "sg_checkbox", "\"yes\"", "Widget.sg_checkbox expects a boolean (checkbox field)" },
        { "sg_date", "\"14/03/2025\"", "Widget.sg_date expects a date as YYYY-MM-DD (date field)" },
        { "sg_date_time", "\"yesterday\"", "Widget.sg_date_time expects a date-time" },
        { "sg_timecode", "\"01:00:00:00\"", "Widget.sg_timecode expects an integer (timecode field)" },
        { "sg_currency", "\"$5\"", "Widget.sg_currency expects a number (currency field)" },
        { "sg_list", "\"Villain\"", "Widget.sg_list: 'Villain' is not a valid value. Valid values: Hero, Background." },
        { "sg_status_list", "\"bogus\"", "Widget.sg_status_list: 'bogus' is not a valid value. Valid values: wtg, ip, fin." },
        { "sg_url", "5", "Widget.sg_url expects an attachment dict" },
        { "sg_url", "{\"title\": \"no link\"}", "Widget.sg_url expects an attachment dict with \"url\"" },
        { "sg_serializable", "\"text\"", "Widget.sg_serializable expects a dictionary (serializable field)" },
        { "sg_footage", "\"12\"", "Widget.sg_footage expects footage as \"FEET-FRAMES\"" },
        { "sg_entity_type", "\"Nope\"", "Widget.sg_entity_type: 'Nope' is not an entity type." },
        { "tag_list", "\"hero\"", "Widget.tag_list expects a list of strings (tag_list field)" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task CreateUpdateRead_ValidValue_ReadsBackAsStored(string field, string sent, string expected)
    {
        var value = Json(sent);
        var created = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["code"] = "created", [field] = value });
        var blank = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["code"] = "updated" });
        await site.Client.UpdateAsync("Widget", blank.Id, new Dictionary<string, object?> { [field] = value });

        var rows = await site.Client.FindAsync("Widget", Filter.In("id", created.Id, blank.Id), [field]);

        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            AssertSameJson(Json(expected), row[field]);
        }
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task CreateAndUpdate_InvalidValue_FailWithTheFieldAndWhatItExpects(string field, string sent, string expected)
    {
        var value = Json(sent);
        var onCreate = await Assert.ThrowsAsync<ShotgunFault>(() => site.Client.CreateAsync("Widget", new Dictionary<string, object?> { [field] = value }));
        var row = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["code"] = "target" });
        var onUpdate = await Assert.ThrowsAsync<ShotgunFault>(() => site.Client.UpdateAsync("Widget", row.Id, new Dictionary<string, object?> { [field] = value }));

        Assert.Contains($"API create() {expected}", onCreate.Message, StringComparison.Ordinal);
        Assert.Contains($"API update() {expected}", onUpdate.Message, StringComparison.Ordinal);
        Assert.Contains(onCreate.ErrorCode, new[] { 103, 104 });
    }

    [Fact]
    public async Task Create_DateTimeOffsetInLocalTime_StoredAndReadAsUtc()
    {
        // The Python API's local-time mode and ours both send UTC with a Z; an offset is turned to UTC before sending.
        var local = new DateTimeOffset(2025, 3, 14, 10, 30, 0, TimeSpan.FromHours(1));

        var created = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["sg_date_time"] = local }, ["sg_date_time"]);

        Assert.Equal("2025-03-14T09:30:00Z", (string?)created["sg_date_time"]);
    }

    [Fact]
    public async Task Create_DateTimeWithOffsetOnTheWire_IsStoredAsUtc()
    {
        var created = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["sg_date_time"] = JValue.CreateString("2025-03-14T10:30:00+01:00") }, ["sg_date_time"]);

        Assert.Equal("2025-03-14T09:30:00Z", (string?)created["sg_date_time"]);
    }

    [Fact]
    public async Task Create_ComputedAndUnknownTypes_ReadAsEmptyAndListTheirSiteDataType()
    {
        var created = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["code"] = "computed" }, ["sg_summary", "sg_unheard_of", "sg_checkbox", "sg_status_list"]);
        var schema = await site.Client.SchemaFieldReadAsync("Widget", "sg_unheard_of");

        Assert.Equal(JTokenType.Null, created["sg_summary"]!.Type);
        Assert.Equal(JTokenType.Null, created["sg_unheard_of"]!.Type);
        Assert.False((bool)created["sg_checkbox"]!);
        Assert.Equal("wtg", (string?)created["sg_status_list"]);
        Assert.Equal("quantum_state", (string?)schema["sg_unheard_of"]!["data_type"]!["value"]);
        Assert.True((bool)schema["sg_unheard_of"]!["editable"]!["value"]!);
        Assert.Single(site.Server.SchemaWarnings, w => w.Contains("'quantum_state'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sg_summary")]
    [InlineData("sg_calculated")]
    [InlineData("sg_pivot_column")]
    public async Task CreateAndUpdate_ComputedField_CreateLeavesItToTheSiteUpdateIsNotEditable(string field)
    {
        // What a site does with a value sent for a field it computes is not known: create leniently ignores it; the
        // schema marks such fields not editable, so an update is refused as any editable:false field is.
        var created = await site.Client.CreateAsync("Widget", new Dictionary<string, object?> { ["code"] = "computed", [field] = 3 }, [field]);
        var onUpdate = await Assert.ThrowsAsync<ShotgunFault>(() => site.Client.UpdateAsync("Widget", created.Id, new Dictionary<string, object?> { [field] = 3 }));

        Assert.Equal(JTokenType.Null, created[field]!.Type);
        Assert.Equal($"API update() Widget.{field} is not editable.", onUpdate.Message);
    }

    // Dates stay strings, as they are on the wire.
    private static JToken Json(string text)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static void AssertSameJson(JToken expected, JToken? actual)
    {
        Assert.NotNull(actual);
        if (expected.Type is JTokenType.Integer or JTokenType.Float && actual.Type is JTokenType.Integer or JTokenType.Float)
        {
            Assert.Equal((double)expected, (double)actual);
            return;
        }

        Assert.True(JToken.DeepEquals(expected, actual), $"expected {expected.ToString(Newtonsoft.Json.Formatting.None)}, read {actual.ToString(Newtonsoft.Json.Formatting.None)}");
    }
}
