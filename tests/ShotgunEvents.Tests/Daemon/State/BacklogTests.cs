using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class BacklogTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_Gap_IsOneRangeWhateverItsSize()
    {
        var backlog = Backlog.Empty.Add(1_001, 11_000, T0);

        var range = Assert.Single(backlog.Ranges);
        Assert.Equal(new IdRange(1_001, 11_000), range.Ids);
        Assert.Equal(10_000, backlog.Count);
        Assert.True(backlog.Contains(1_001));
        Assert.True(backlog.Contains(11_000));
        Assert.False(backlog.Contains(1_000));
        Assert.False(backlog.Contains(11_001));
    }

    [Fact]
    public void Remove_MiddleId_SplitsTheRange()
    {
        var backlog = Backlog.Empty.Add(10, 20, T0);

        var removed = backlog.Remove(15);

        Assert.Same(removed, removed.Remove(15));
        Assert.Equal([new IdRange(10, 14), new IdRange(16, 20)], removed.Ranges.Select(r => r.Ids));
        Assert.Equal(10, removed.Count);
        Assert.All(removed.Ranges, r => Assert.Equal(T0, r.Expires));
    }

    [Fact]
    public void Remove_EdgesAndLoneId_ShrinkOrDropTheRange()
    {
        var backlog = Backlog.Empty.Add(10, 12, T0).Add(30, 30, T0);

        var removed = backlog.Remove(10).Remove(12).Remove(30);

        Assert.Equal([new IdRange(11, 11)], removed.Ranges.Select(r => r.Ids));
        Assert.Equal(1, removed.Count);
    }

    [Fact]
    public void Add_OverlappingIds_KeepTheirFirstExpiry()
    {
        var backlog = Backlog.Empty.Add(10, 20, T0).Add(40, 45, T0);

        var added = backlog.Add(5, 50, T0.AddMinutes(5));

        Assert.Equal(
            [(5L, 9L, T0.AddMinutes(5)), (10, 20, T0), (21, 39, T0.AddMinutes(5)), (40, 45, T0), (46, 50, T0.AddMinutes(5))],
            added.Ranges.Select(r => (r.From, r.To, r.Expires)));
        Assert.Equal(46, added.Count);
    }

    [Fact]
    public void Expire_ReturnsEachExpiredRangeOnce()
    {
        var backlog = Backlog.Empty.Add(10, 19, T0).Add(30, 39, T0.AddMinutes(10));

        var unchanged = backlog.Expire(T0.AddSeconds(-1), out var none);
        var after = unchanged.Expire(T0, out var first).Expire(T0.AddMinutes(1), out var second);

        Assert.Same(backlog, unchanged);
        Assert.Empty(none);
        Assert.Equal([new IdRange(10, 19)], first.Select(r => r.Ids));
        Assert.Empty(second);
        Assert.Equal(10, after.Count);
        Assert.Equal(T0.AddMinutes(10), after.OldestExpiry);
    }

    [Fact]
    public void OldestExpiry_EmptyBacklog_IsNull()
    {
        Assert.Null(Backlog.Empty.OldestExpiry);
        Assert.True(Backlog.Empty.IsEmpty);
        Assert.Equal(0, Backlog.Empty.Count);
    }

    [Fact]
    public void Changes_LeaveTheOriginalAsItWas()
    {
        var backlog = Backlog.Empty.Add(1, 10, T0);

        _ = backlog.Remove(5);
        _ = backlog.Add(20, 30, T0);
        _ = backlog.Expire(T0, out _);

        Assert.Equal(10, backlog.Count);
        Assert.True(backlog.Contains(5));
        Assert.Equal([new IdRange(1, 10)], backlog.Ranges.Select(r => r.Ids));
    }

    [Fact]
    public void IdRange_PrintsOneIdOrARange()
    {
        Assert.Equal("7", new IdRange(7, 7).ToString());
        Assert.Equal("7-9", new IdRange(7, 9).ToString());
    }
}
