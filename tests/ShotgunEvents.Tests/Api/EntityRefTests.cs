using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class EntityRefTests
{
    [Fact]
    public void FromToken_LinkWithName_ReadsAllParts()
    {
        var link = EntityRef.FromToken(JObject.Parse("""{"type":"Shot","id":42,"name":"bunny_010"}"""));

        Assert.Equal(new EntityRef("Shot", 42, "bunny_010"), link);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"Shot\"")]
    [InlineData("""{"type":"Shot"}""")]
    [InlineData("""{"type":"Shot","id":"x"}""")]
    public void FromToken_NotALink_ReturnsNull(string json)
    {
        Assert.Null(EntityRef.FromToken(JToken.Parse(json)));
    }
}
