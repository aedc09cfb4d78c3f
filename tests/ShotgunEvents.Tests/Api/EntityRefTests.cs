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

    [Fact]
    public void Equals_SameTypeAndIdOtherName_AreEqualWithTheSameHash()
    {
        var named = new EntityRef("Shot", 42, "bunny_010");
        var bare = new EntityRef("Shot", 42);

        Assert.Equal(bare, named);
        Assert.True(named == bare);
        Assert.Equal(bare.GetHashCode(), named.GetHashCode());
        Assert.Contains(bare, new HashSet<EntityRef> { named });
    }

    [Theory]
    [InlineData("Asset", 42)]
    [InlineData("Shot", 43)]
    [InlineData("shot", 42)]
    public void Equals_OtherTypeOrId_AreNotEqual(string type, int id)
    {
        Assert.NotEqual(new EntityRef("Shot", 42, "bunny_010"), new EntityRef(type, id, "bunny_010"));
    }
}
