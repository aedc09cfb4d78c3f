using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class FilterFromJsonTests
{
    [Fact]
    public void FromJson_PythonListForm_BecomesAnAndGroup()
    {
        var filter = Filter.FromJson("""[["id","is",5],["code","starts_with","bunny"]]""");

        Assert.True(JToken.DeepEquals(Filter.All(Filter.Is("id", 5), Filter.StartsWith("code", "bunny")).ToWire(), filter.ToWire()), filter.ToWire().ToString());
    }

    [Fact]
    public void FromJson_InAndBetweenWithInnerList_AreFlattened()
    {
        var filter = Filter.FromJson("""[["id","in",[1,2,3]],["id","between",[1,9]],["id","not_in",4,5],["created_at","in_last",1,"DAY"]]""");

        var values = filter.ToWire()["conditions"]!.Select(c => c["values"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(["[1,2,3]", "[1,9]", "[4,5]", "[1,\"DAY\"]"], values);
    }

    [Fact]
    public void FromJson_NestedFilterOperatorGroups_BecomeNestedLogicalGroups()
    {
        var filter = Filter.FromJson("""
            [["project","is",{"type":"Project","id":1,"name":"Demo","sg_status":"Active"}],
             {"filter_operator":"any","filters":[["sg_status_list","is","ip"],
                 {"filter_operator":"all","filters":[["id","greater_than",3],["id","less_than",9]]}]}]
            """);

        var expected = Filter.All(
            Filter.Is("project", new EntityRef("Project", 1, "Demo")),
            Filter.Any(Filter.Is("sg_status_list", "ip"), Filter.All(Filter.GreaterThan("id", 3), Filter.LessThan("id", 9))));
        Assert.True(JToken.DeepEquals(expected.ToWire(), filter.ToWire()), filter.ToWire().ToString());
    }

    [Theory]
    [InlineData("any", "or")]
    [InlineData("or", "or")]
    [InlineData("all", "and")]
    [InlineData("and", "and")]
    [InlineData("ANY", "or")]
    public void FromJson_TopLevelGroupOperators_MapToLogicalOperators(string op, string logical)
    {
        var filter = Filter.FromJson($$"""{"filter_operator":"{{op}}","filters":[["id","is",1],["id","is",2]]}""");

        Assert.Equal(logical, filter.ToWire().Value<string>("logical_operator"));
    }

    [Fact]
    public void FromJson_WireForm_RoundTrips()
    {
        var wire = """{"logical_operator":"or","conditions":[{"path":"id","relation":"in","values":[1,2]},{"logical_operator":"and","conditions":[{"path":"code","relation":"contains","values":["a"]}]}]}""";

        Assert.True(JToken.DeepEquals(JObject.Parse(wire), Filter.FromJson(wire).ToWire()));
    }

    [Fact]
    public void FromJson_SingleTriple_IsOneCondition()
    {
        var filter = Filter.FromJson("""["id","greater_than",9]""");

        Assert.Equal("id greater_than 9", filter.ToString());
    }

    [Fact]
    public void FromJson_EmptyList_MatchesEverything()
    {
        Assert.True(JToken.DeepEquals(Filter.All().ToWire(), Filter.FromJson("[]").ToWire()));
    }

    [Fact]
    public void FromJson_DateStrings_StayExactlyAsWritten()
    {
        var filter = Filter.FromJson("""[["created_at","greater_than","2024-01-01T00:00:00Z"]]""");

        Assert.Equal("2024-01-01T00:00:00Z", filter.ToWire()["conditions"]![0]!["values"]![0]!.Value<string>());
    }

    [Fact]
    public void FromJson_ParsedTokenWithDateValues_WritesThemInWireForm()
    {
        var token = JToken.Parse("""[["created_at","greater_than","2024-01-01T10:20:30Z"]]"""); // Newtonsoft parses the date

        var value = Filter.FromJson(token).ToWire()["conditions"]![0]!["values"]![0]!;

        Assert.Equal("2024-01-01T10:20:30Z", value.Value<string>());
    }

    [Theory]
    [InlineData("""[["id","iz",5]]""", "filters[0]: Unknown filter relation 'iz'")]
    [InlineData("""[["id"]]""", "filters[0]: a condition is [field, relation, value...]")]
    [InlineData("""[[5,"is",5]]""", "filters[0]: a condition is")]
    [InlineData("""[["id","is",5],42]""", "filters[1]: expected a condition")]
    [InlineData("""{"filter_operator":"xor","filters":[]}""", "filters.filter_operator: expected \"all\"/\"and\" or \"any\"/\"or\"; got \"xor\"")]
    [InlineData("""{"filter_operator":"any"}""", "filters.filters: expected a list of filters; got nothing")]
    [InlineData("""[{"filter_operator":"any","filters":[["id","between",1]]}]""", "filters[0].filters[0]: The filter relation 'between' on field 'id' takes two values")]
    [InlineData("""{"logical_operator":"and","conditions":[{"path":"id","relation":"is"}]}""", "filters.conditions[0]: a wire condition needs")]
    [InlineData("\"id is 5\"", "filters: expected a condition")]
    public void FromJson_BadFilter_ThrowsSayingWhere(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Filter.FromJson(json));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void FromJson_NotJson_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => Filter.FromJson("[[\"id\", \"is\""));

        Assert.StartsWith("The filter is not valid JSON", ex.Message);
    }
}
