using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class WireValueTests
{
    [Fact]
    public void From_Scalars_HaveTheirJsonForms()
    {
        var values = new object?[] { null, 3, 4L, 2.5, 0.1f, 1.5m, true, "x", Guid.Parse("5a1d49b0-0c69-11e0-a24c-003048d17544"), DateUnit.Day };

        var json = new JArray(values.Select(WireValue.From)).ToString(Formatting.None);

        Assert.Equal("""[null,3,4,2.5,0.1,1.5,true,"x","5a1d49b0-0c69-11e0-a24c-003048d17544","Day"]""", json);
    }

    [Fact]
    public void From_DateTimeOffsetWithFraction_IsUtcSecondsOnly()
    {
        var value = WireValue.From(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 999, TimeSpan.FromHours(-5)));

        Assert.Equal("2024-01-02T08:04:05Z", value.Value<string>());
        Assert.Equal(20, value.Value<string>()!.Length);
    }

    [Fact]
    public void From_AnonymousObjectAndLists_BecomeObjectsAndArrays()
    {
        var json = WireValue.From(new { code = "sh010", tags = new[] { new EntityRef("Tag", 1) }, due = new DateOnly(2024, 5, 6) }).ToString(Formatting.None);

        Assert.Equal("""{"code":"sh010","tags":[{"type":"Tag","id":1}],"due":"2024-05-06"}""", json);
    }

    [Fact]
    public void From_UnsupportedStruct_ThrowsNamingTheType()
    {
        var ex = Assert.Throws<ArgumentException>(() => WireValue.From(TimeSpan.FromSeconds(1)));

        Assert.Contains("TimeSpan", ex.Message);
    }

    [Fact]
    public void FieldData_FromObject_ReadsAnonymousObjectsDictionariesAndJson()
    {
        var fromAnonymous = FieldData.FromObject(new { code = "a", sg_cut_in = 1001 });
        var fromDictionary = FieldData.FromObject(new Dictionary<string, string> { ["code"] = "b" });
        var fromJson = FieldData.FromObject(JObject.Parse("""{"code":"c"}"""));

        Assert.Equal(["code", "sg_cut_in"], fromAnonymous.Keys);
        Assert.Equal(1001, fromAnonymous["sg_cut_in"]);
        Assert.Equal("b", fromDictionary["code"]);
        Assert.Equal("c", ((JToken)fromJson["code"]!).Value<string>());
    }

    [Fact]
    public void FieldData_FromObject_StringOrList_ThrowsWithAnExample()
    {
        var ex = Assert.Throws<ArgumentException>(() => FieldData.FromObject("code=x"));

        Assert.Contains("new { code", ex.Message);
    }
}
