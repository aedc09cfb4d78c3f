using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class EntityTests
{
    private static readonly JObject Row = JObject.Parse("""{"type":"Shot","id":7,"code":"sh010","sg_sequence":null,"assets":[]}""");

    [Fact]
    public void Read_FieldsItWasReadWith_GivesValuesAndNullForEmpty()
    {
        var shot = new Entity(Row, ["code", "sg_sequence", "assets", "description"]);

        Assert.Equal("sh010", shot.Get<string>("code"));
        Assert.Null(shot.GetRef("sg_sequence"));
        Assert.Empty(shot.GetRefs("assets"));
        Assert.Null(shot["description"]);
        Assert.Equal(7, shot.Get<int>("id"));
        Assert.Equal("Shot", shot["type"]!.Value<string>());
    }

    [Theory]
    [InlineData("description")]
    [InlineData("Code")]
    public void Read_FieldNotAskedFor_ThrowsNamingItAndTheFieldsAsked(string field)
    {
        var shot = new Entity(Row, ["code", "sg_sequence"]);

        var errors = new Exception[]
        {
            Assert.Throws<KeyNotFoundException>(() => shot[field]),
            Assert.Throws<KeyNotFoundException>(() => shot.Get<string>(field)),
            Assert.Throws<KeyNotFoundException>(() => shot.GetRef(field)),
            Assert.Throws<KeyNotFoundException>(() => shot.GetRefs(field)),
        };

        Assert.All(errors, e => Assert.Equal(
            $"Shot #7 was read with the fields [code, sg_sequence]; '{field}' was not among them. Add it to the fields of the find (or read entity.Raw[\"{field}\"], which is null for anything absent).",
            e.Message));
        Assert.False(shot.Has(field));
        Assert.Null(shot.Raw[field]);
    }

    [Fact]
    public void Read_UnknownFieldList_IsLenient()
    {
        var shot = new Entity(Row);

        Assert.Null(shot.Fields);
        Assert.Null(shot["description"]);
        Assert.True(shot.Has("description"));
    }
}
