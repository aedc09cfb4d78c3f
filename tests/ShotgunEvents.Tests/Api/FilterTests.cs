using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class FilterTests
{
    public static TheoryData<string, Filter, string> Operators => new()
    {
        { "is", Filter.Is("id", 5), """{"path":"id","relation":"is","values":[5]}""" },
        { "is null", Filter.Is("description", null), """{"path":"description","relation":"is","values":[null]}""" },
        { "is_not", Filter.IsNot("sg_status_list", "fin"), """{"path":"sg_status_list","relation":"is_not","values":["fin"]}""" },
        { "less_than", Filter.LessThan("id", 10), """{"path":"id","relation":"less_than","values":[10]}""" },
        { "greater_than", Filter.GreaterThan("id", 9), """{"path":"id","relation":"greater_than","values":[9]}""" },
        { "contains", Filter.Contains("code", "010"), """{"path":"code","relation":"contains","values":["010"]}""" },
        { "not_contains", Filter.NotContains("code", "x"), """{"path":"code","relation":"not_contains","values":["x"]}""" },
        { "starts_with", Filter.StartsWith("code", "bunny"), """{"path":"code","relation":"starts_with","values":["bunny"]}""" },
        { "ends_with", Filter.EndsWith("code", "0010"), """{"path":"code","relation":"ends_with","values":["0010"]}""" },
        { "between", Filter.Between("id", 1, 5), """{"path":"id","relation":"between","values":[1,5]}""" },
        { "not_between", Filter.NotBetween("id", 1, 5), """{"path":"id","relation":"not_between","values":[1,5]}""" },
        { "in params", Filter.In("id", 1, 2, 3), """{"path":"id","relation":"in","values":[1,2,3]}""" },
        { "in list", Filter.In("id", new List<int> { 1, 2 }), """{"path":"id","relation":"in","values":[1,2]}""" },
        { "in int[]", Filter.In("id", new[] { 7, 8 }), """{"path":"id","relation":"in","values":[7,8]}""" },
        { "in string[]", Filter.In("code", new[] { "a", "b" }), """{"path":"code","relation":"in","values":["a","b"]}""" },
        { "in one string", Filter.In("code", "abc"), """{"path":"code","relation":"in","values":["abc"]}""" },
        { "not_in", Filter.NotIn("sg_status_list", "fin", "omt"), """{"path":"sg_status_list","relation":"not_in","values":["fin","omt"]}""" },
        { "in_last", Filter.InLast("created_at", 1, DateUnit.Day), """{"path":"created_at","relation":"in_last","values":[1,"DAY"]}""" },
        { "not_in_last", Filter.NotInLast("created_at", 2, DateUnit.Week), """{"path":"created_at","relation":"not_in_last","values":[2,"WEEK"]}""" },
        { "in_next", Filter.InNext("due_date", 3, DateUnit.Month), """{"path":"due_date","relation":"in_next","values":[3,"MONTH"]}""" },
        { "not_in_next", Filter.NotInNext("due_date", 1, DateUnit.Year), """{"path":"due_date","relation":"not_in_next","values":[1,"YEAR"]}""" },
        { "in_last hour", Filter.InLast("created_at", 6, DateUnit.Hour), """{"path":"created_at","relation":"in_last","values":[6,"HOUR"]}""" },
        { "in_calendar_day", Filter.InCalendarDay("created_at"), """{"path":"created_at","relation":"in_calendar_day","values":[0]}""" },
        { "in_calendar_week", Filter.InCalendarWeek("created_at", -1), """{"path":"created_at","relation":"in_calendar_week","values":[-1]}""" },
        { "in_calendar_month", Filter.InCalendarMonth("created_at", 1), """{"path":"created_at","relation":"in_calendar_month","values":[1]}""" },
        { "in_calendar_year", Filter.InCalendarYear("created_at", -2), """{"path":"created_at","relation":"in_calendar_year","values":[-2]}""" },
        { "type_is", Filter.TypeIs("entity", "Shot"), """{"path":"entity","relation":"type_is","values":["Shot"]}""" },
        { "type_is_not", Filter.TypeIsNot("entity", "Asset"), """{"path":"entity","relation":"type_is_not","values":["Asset"]}""" },
        { "name_contains", Filter.NameContains("entity", "bunny"), """{"path":"entity","relation":"name_contains","values":["bunny"]}""" },
        { "name_not_contains", Filter.NameNotContains("entity", "x"), """{"path":"entity","relation":"name_not_contains","values":["x"]}""" },
        { "name_is", Filter.NameIs("project", "Demo"), """{"path":"project","relation":"name_is","values":["Demo"]}""" },
        { "name_starts_with", Filter.NameStartsWith("entity", "bun"), """{"path":"entity","relation":"name_starts_with","values":["bun"]}""" },
        { "name_ends_with", Filter.NameEndsWith("entity", "10"), """{"path":"entity","relation":"name_ends_with","values":["10"]}""" },
        { "deep link", Filter.Is("entity.Shot.code", "sh010"), """{"path":"entity.Shot.code","relation":"is","values":["sh010"]}""" },
        { "bool", Filter.Is("sg_flag", true), """{"path":"sg_flag","relation":"is","values":[true]}""" },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void ToWire_EachOperator_WrapsTheConditionInAnAndGroup(string name, Filter filter, string condition)
    {
        var expected = JObject.Parse($$"""{"logical_operator":"and","conditions":[{{condition}}]}""");

        Assert.True(JToken.DeepEquals(expected, filter.ToWire()), $"{name}: {filter.ToWire()}");
    }

    [Fact]
    public void Relations_CoverEveryOperatorOfTheProtocol()
    {
        Assert.Equal(27, Filter.Relations.Count);
        Assert.Contains("in_calendar_year", Filter.Relations);
        Assert.Contains("name_ends_with", Filter.Relations);
    }

    [Fact]
    public void ToWire_NestedGroups_KeepTheirShape()
    {
        var filter = Filter.All(
            Filter.Is("project", new EntityRef("Project", 1, "Demo")),
            Filter.Any(Filter.Is("sg_status_list", "ip"), Filter.All(Filter.GreaterThan("id", 3), Filter.LessThan("id", 9))));

        var expected = JObject.Parse("""
            {"logical_operator":"and","conditions":[
              {"path":"project","relation":"is","values":[{"type":"Project","id":1,"name":"Demo"}]},
              {"logical_operator":"or","conditions":[
                {"path":"sg_status_list","relation":"is","values":["ip"]},
                {"logical_operator":"and","conditions":[
                  {"path":"id","relation":"greater_than","values":[3]},
                  {"path":"id","relation":"less_than","values":[9]}]}]}]}
            """);
        Assert.True(JToken.DeepEquals(expected, filter.ToWire()), filter.ToWire().ToString());
    }

    [Fact]
    public void ToWire_EmptyAll_IsAnEmptyAndGroup()
    {
        Assert.True(JToken.DeepEquals(JObject.Parse("""{"logical_operator":"and","conditions":[]}"""), Filter.All().ToWire()));
    }

    [Fact]
    public void ToWire_EntityValues_AreTrimmedToTypeIdAndName()
    {
        var raw = JObject.Parse("""{"type":"Shot","id":42,"name":"sh010","code":"sh010","sg_status_list":"ip","valid":"valid"}""");
        var entity = new Entity(JObject.Parse("""{"type":"Asset","id":7,"code":"tree","description":"big"}"""));

        var wire = Filter.In("entity", raw, entity, new EntityRef("Sequence", 3)).ToWire();

        var expected = JArray.Parse("""[{"type":"Shot","id":42,"name":"sh010"},{"type":"Asset","id":7},{"type":"Sequence","id":3}]""");
        Assert.True(JToken.DeepEquals(expected, wire["conditions"]![0]!["values"]), wire.ToString());
    }

    [Fact]
    public void ToWire_Dates_AreUtcSecondsAndPlainDates()
    {
        var local = new DateTimeOffset(2024, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2));
        var filter = Filter.All(
            Filter.GreaterThan("created_at", local),
            Filter.LessThan("created_at", new DateTime(2024, 3, 4, 1, 2, 3, DateTimeKind.Utc)),
            Filter.Is("sg_date", new DateOnly(2024, 2, 29)),
            Filter.Between("updated_at", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), local));

        var values = filter.ToWire()["conditions"]!.Select(c => c["values"]!.ToString(Newtonsoft.Json.Formatting.None)).ToArray();

        Assert.Equal(["[\"2024-01-02T03:04:05Z\"]", "[\"2024-03-04T01:02:03Z\"]", "[\"2024-02-29\"]", "[\"2024-01-01T00:00:00Z\",\"2024-01-02T03:04:05Z\"]"], values);
    }

    [Fact]
    public void ToWire_LocalDateTime_IsConvertedToUtc()
    {
        var local = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Local);

        var value = Filter.Is("created_at", local).ToWire()["conditions"]![0]!["values"]![0]!.Value<string>();

        Assert.Equal(local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), value);
    }

    [Fact]
    public void ToWire_ReturnsACopy_CallerEditsDoNotLeakBack()
    {
        var filter = Filter.Is("id", 1);
        filter.ToWire()["logical_operator"] = "or";

        Assert.Equal("and", filter.ToWire().Value<string>("logical_operator"));
    }

    [Theory]
    [InlineData("iz")]
    [InlineData("IS")]
    [InlineData("")]
    public void Condition_UnknownRelation_ThrowsNamingItAndTheField(string relation)
    {
        var ex = Assert.Throws<ArgumentException>(() => Filter.Condition("code", relation, "x"));

        Assert.Contains($"'{relation}'", ex.Message);
        Assert.Contains("'code'", ex.Message);
    }

    [Fact]
    public void Condition_WrongArity_ThrowsSayingWhatItTakes()
    {
        var between = Assert.Throws<ArgumentException>(() => Filter.Condition("id", "between", 1));
        var isTwo = Assert.Throws<ArgumentException>(() => Filter.Condition("id", "is", 1, 2));
        var inLast = Assert.Throws<ArgumentException>(() => Filter.Condition("created_at", "in_last", 1));

        Assert.Contains("two values (low, high)", between.Message);
        Assert.Contains("takes one value", isTwo.Message);
        Assert.Contains("unit", inLast.Message);
    }

    [Fact]
    public void Condition_ListValue_IsFlattenedLikePython()
    {
        var wire = Filter.Condition("id", "between", new[] { 1, 9 }).ToWire();

        Assert.Equal("[1,9]", wire["conditions"]![0]!["values"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public void Is_EmptyField_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Filter.Is(" ", 1));

        Assert.Contains("field name", ex.Message);
    }

    [Fact]
    public void All_NullMember_Throws()
    {
        Assert.Throws<ArgumentException>(() => Filter.All(Filter.Is("id", 1), null!));
    }

    [Fact]
    public void ToString_ReadsLikeTheCondition()
    {
        var filter = Filter.All(Filter.Is("id", 5), Filter.Any(Filter.In("sg_status_list", "ip", "rev"), Filter.InLast("created_at", 1, DateUnit.Day)));

        Assert.Equal("""(id is 5 and (sg_status_list in ["ip","rev"] or created_at in_last [1,"DAY"]))""", filter.ToString());
    }

    [Fact]
    public void IsGroup_TellsConditionsFromGroups()
    {
        Assert.False(Filter.Is("id", 1).IsGroup);
        Assert.True(Filter.Any().IsGroup);
    }
}
