using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class JsonTruthinessTests
{
    [Theory]
    [InlineData("null", false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("-3", true)]
    [InlineData("0.5", true)]
    [InlineData("18446744073709551615", true)]
    [InlineData("\"\"", false)]
    [InlineData("\" \"", true)]
    [InlineData("\"ip\"", true)]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("{}", false)]
    [InlineData("{\"type\":\"Shot\",\"id\":1}", true)]
    public void IsTruthy_JsonValue_IsPythonsTruthiness(string json, bool expected)
    {
        Assert.Equal(expected, JToken.Parse(json).IsTruthy());
    }

    [Fact]
    public void IsTruthy_Absent_IsFalse()
    {
        Assert.False(new JObject()["new_value"].IsTruthy());
    }
}
