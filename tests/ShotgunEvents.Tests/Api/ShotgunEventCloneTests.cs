using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Api;

public sealed class ShotgunEventCloneTests
{
    private static ShotgunEvent Sample() => ShotgunEvent.FromJson(JObject.Parse("""
        {"type":"EventLogEntry","id":7,"event_type":"Shotgun_Shot_Change","attribute_name":"sg_status_list",
         "entity":{"type":"Shot","id":42,"name":"bunny_010"},"project":{"type":"Project","id":1},
         "user":{"type":"HumanUser","id":3},"session_uuid":"abc","created_at":"2024-01-02T03:04:05Z",
         "meta":{"old_value":"wtg","new_value":"ip"}}
        """));

    [Fact]
    public void Clone_TypedMembers_EqualTheOriginals()
    {
        var original = Sample();

        var copy = original.Clone();

        Assert.Equal((original.Id, original.EventType, original.AttributeName, original.Entity, original.Project, original.User,
            original.SessionUuid, original.CreatedAt),
            (copy.Id, copy.EventType, copy.AttributeName, copy.Entity, copy.Project, copy.User, copy.SessionUuid, copy.CreatedAt));
        Assert.True(JToken.DeepEquals(original.Raw, copy.Raw));
        Assert.NotSame(original.Raw, copy.Raw);
        Assert.Same(copy.Raw["meta"], copy.Meta);
    }

    [Fact]
    public void Clone_CopyChangesMetaAndRaw_OriginalAndOtherCopiesUnchanged()
    {
        var original = Sample();
        var first = original.Clone();
        var second = original.Clone();

        first.Meta["new_value"] = "fin";
        first.Raw["description"] = "changed";

        Assert.Equal("ip", (string?)original.Meta["new_value"]);
        Assert.Equal("ip", (string?)second.Meta["new_value"]);
        Assert.Null(second["description"]);
        Assert.Equal("fin", (string?)first.Clone().Meta["new_value"]);
    }

    [Fact]
    public async Task Clone_CopiesReadOnManyThreads_EachGetsTheWholeRecord()
    {
        var original = Sample();
        var copies = Enumerable.Range(0, 64).Select(_ => original.Clone()).ToArray();

        var metas = await Task.WhenAll(copies.Select(c => Task.Run(() => c.Meta)));

        Assert.All(metas, m => Assert.Equal("ip", (string?)m["new_value"]));
        Assert.Equal(64, metas.Distinct().Count());
    }
}
