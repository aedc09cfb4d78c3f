using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Events.Reading;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.Events.Reading;

public sealed class RangePlannerTests
{
    [Fact]
    public void Next_PlansConsecutiveRangesOfOneBatch()
    {
        var planner = new RangePlanner(500);
        planner.Reset(1001);

        Assert.Equal(new IdRange(1001, 1500), planner.Next());
        Assert.Equal(new IdRange(1501, 2000), planner.Next());
        Assert.Equal(new IdRange(2001, 2500), planner.Next());
        Assert.Equal(new IdRange(2501, 3000), planner.Next());
    }

    [Fact]
    public void Reset_ForgetsThePlannedRanges()
    {
        var planner = new RangePlanner(10);
        planner.Reset(1);
        planner.Next();
        planner.Next();

        planner.Reset(7);

        Assert.Equal(new IdRange(7, 16), planner.Next());
    }

    [Fact]
    public void ReachedEnd_LastIdPresent_TrueEvenWithHolesInside()
    {
        Assert.True(RangePlanner.ReachedEnd(new IdRange(11, 20), Events(11, 12, 13, 14, 15, 16, 17, 18, 19, 20)));
        Assert.True(RangePlanner.ReachedEnd(new IdRange(11, 20), Events(13, 17, 20)));
    }

    [Fact]
    public void ReachedEnd_AnswerStopsShortOrIsEmpty_False()
    {
        Assert.False(RangePlanner.ReachedEnd(new IdRange(11, 20), Events(11, 12, 13)));
        Assert.False(RangePlanner.ReachedEnd(new IdRange(11, 20), Events()));
    }

    [Fact]
    public void New_BatchBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RangePlanner(0));
    }

    private static ShotgunEvent[] Events(params int[] ids) =>
        [.. ids.Select(id => ShotgunEvent.FromJson(new JObject
        {
            ["type"] = "EventLogEntry",
            ["id"] = id,
            ["event_type"] = "Shotgun_Shot_Change",
            ["created_at"] = "2025-03-14T09:30:00Z",
        }))];
}
