using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Tests.Emulator.Schema;

/// <summary>
/// Every schema format a studio may hold, recognised by content: the pickles mockgun writes (Python 2 and 3), a saved
/// schema_read, a dump-schema file, the compact format. Fixtures are made by <c>Fixtures/Schema/make_fixtures.py</c>.
/// </summary>
public sealed class SchemaLoaderTests
{
    public static TheoryData<string> SiteFormats => new()
    {
        "py2/schema.pickle",
        "py3/schema.pickle",
        "py2-text/schema.pickle",
        "py3/schema_entity.pickle",
        "schema_read.json",
        "site-schema.json",
    };

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schema", name);

    [Theory]
    [MemberData(nameof(SiteFormats))]
    public void LoadFile_EachSiteFormat_HasTheSiteTypesAndFields(string file)
    {
        var schema = SchemaLoader.LoadFile(Fixture(file));

        Assert.Equal(["ApiUser", "Asset", "CustomEntity01", "EventLogEntry", "HumanUser", "Project", "Shot"], schema.EntityTypeNames);
        var user = schema.GetEntity("HumanUser", "read");
        Assert.True(user.TryGetField("locked_until", out var locked));
        Assert.Equal(FieldKind.DateTime, locked.Kind);
        var shot = schema.GetEntity("Shot", "read");
        Assert.True(shot.TryGetField("sg_status_list", out var status));
        Assert.Equal(["wtg", "ip", "fin"], status.ValidValues);
        Assert.Equal("wtg", (string?)status.DefaultValue);
        Assert.True(shot.TryGetField("sg_title_ja", out var japanese));
        Assert.Equal("\u30bf\u30a4\u30c8\u30eb", japanese.DisplayName);
        Assert.Equal("code", shot.DisplayField);
        Assert.True(shot.TryGetField("assets", out var assets));
        Assert.Equal(["Asset"], assets.ValidTypes);
    }

    [Theory]
    [InlineData("py2/schema.pickle")]
    [InlineData("py3/schema.pickle")]
    [InlineData("py2-text/schema.pickle")]
    [InlineData("site-schema.json")]
    public void LoadFile_WithEntitySchema_AnswersSchemaEntityReadWithTheSiteNames(string file)
    {
        var schema = SchemaLoader.LoadFile(Fixture(file));

        var entities = schema.ToSchemaEntityReadJson();
        Assert.Equal("Sequence Note", (string?)entities["CustomEntity01"]!["name"]!["value"]);
        Assert.Equal("Sequence Note", schema.GetEntity("CustomEntity01", "read").DisplayName);
    }

    [Fact]
    public void LoadFile_PlainSchemaRead_NamesTypesByTheirTypeName()
    {
        var schema = SchemaLoader.LoadFile(Fixture("schema_read.json"));

        Assert.Equal("CustomEntity01", schema.GetEntity("CustomEntity01", "read").DisplayName);
    }

    [Fact]
    public void LoadFile_SiteSchema_SchemaReadAnswersTheDefinitionsAsLoaded()
    {
        var original = JObject.Parse(File.ReadAllText(Fixture("schema_read.json")));

        var schema = SchemaLoader.LoadFile(Fixture("py3/schema.pickle"));

        Assert.True(JToken.DeepEquals(original, schema.ToSchemaReadJson()), "schema_read differs from the pickled answer");
    }

    [Fact]
    public void LoadFile_UnknownDataType_LoadsAsUncheckedValuesWithOneWarningPerType()
    {
        var schema = SchemaLoader.LoadFile(Fixture("py2/schema.pickle"));

        Assert.True(schema.GetEntity("Shot", "read").TryGetField("sg_hologram", out var hologram));
        Assert.Equal(FieldKind.Text, hologram.Kind);
        Assert.Equal("hologram", hologram.DataTypeName);
        var warning = Assert.Single(schema.Warnings, w => w.Contains("hologram", StringComparison.Ordinal));
        Assert.Contains("stored as sent", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_SummaryField_IsReadOnly()
    {
        var schema = SchemaLoader.LoadFile(Fixture("site-schema.json"));

        Assert.True(schema.GetEntity("Shot", "read").TryGetField("sg_task_count", out var summary));
        Assert.Equal(FieldKind.Summary, summary.Kind);
        Assert.False(summary.Editable);
    }

    [Fact]
    public void LoadFile_CompactFormat_StillLoads()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "compact.json");
        File.WriteAllText(path, """
            {"entities": {"Widget": {"display_field": "code", "fields": {"id": {"type": "number"}, "code": {"type": "text"}, "sg_mood": {"type": "sparkle"}}}}}
            """);

        var schema = SchemaLoader.LoadFile(path);

        Assert.Equal(["Widget"], schema.EntityTypeNames);
        Assert.Single(schema.Warnings, w => w.Contains("'sparkle'", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_EntityPickleWithoutItsSchemaPickle_SaysWhichFileIsMissing()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "schema_entity.pickle");
        File.Copy(Fixture("py3/schema_entity.pickle"), path);

        var error = Assert.Throws<InvalidDataException>(() => SchemaLoader.LoadFile(path));

        Assert.Contains("schema_read pickle", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Shot\": {\"code\": {\"name\": \"x\"}}}", "none of the known formats")]
    [InlineData("not json at all", "not valid JSON")]
    public void LoadFile_NotASchema_SaysWhatItAccepts(string text, string expected)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(path, text);

        var error = Assert.Throws<InvalidDataException>(() => SchemaLoader.LoadFile(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_TruncatedPickle_IsAClearError()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "schema.pickle");
        var bytes = File.ReadAllBytes(Fixture("py3/schema.pickle"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => SchemaLoader.LoadFile(path));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }
}
