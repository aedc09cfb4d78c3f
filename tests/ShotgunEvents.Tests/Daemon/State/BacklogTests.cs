using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class BacklogTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_Gap_IsOneRangeWhateverItsSize()
    {
        var backlog = new Backlog();

        backlog.Add(1_001, 11_000, T0);

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
        var backlog = new Backlog();
        backlog.Add(10, 20, T0);

        Assert.True(backlog.Remove(15));
        Assert.False(backlog.Remove(15));

        Assert.Equal([new IdRange(10, 14), new IdRange(16, 20)], backlog.Ranges.Select(r => r.Ids));
        Assert.Equal(10, backlog.Count);
        Assert.All(backlog.Ranges, r => Assert.Equal(T0, r.Expires));
    }

    [Fact]
    public void Remove_EdgesAndLoneId_ShrinkOrDropTheRange()
    {
        var backlog = new Backlog();
        backlog.Add(10, 12, T0);
        backlog.Add(30, 30, T0);

        backlog.Remove(10);
        backlog.Remove(12);
        backlog.Remove(30);

        Assert.Equal([new IdRange(11, 11)], backlog.Ranges.Select(r => r.Ids));
        Assert.Equal(1, backlog.Count);
    }

    [Fact]
    public void Add_OverlappingIds_KeepTheirFirstExpiry()
    {
        var backlog = new Backlog();
        backlog.Add(10, 20, T0);
        backlog.Add(40, 45, T0);

        backlog.Add(5, 50, T0.AddMinutes(5));

        Assert.Equal(
            [(5L, 9L, T0.AddMinutes(5)), (10, 20, T0), (21, 39, T0.AddMinutes(5)), (40, 45, T0), (46, 50, T0.AddMinutes(5))],
            backlog.Ranges.Select(r => (r.From, r.To, r.Expires)));
        Assert.Equal(46, backlog.Count);
    }

    [Fact]
    public void PendingIds_LowestFirst_Capped()
    {
        var backlog = new Backlog();
        backlog.Add(100, 100_000, T0);
        backlog.Add(5, 6, T0);

        var ids = backlog.PendingIds(4);

        Assert.Equal([5L, 6, 100, 101], ids);
        Assert.Equal(500, backlog.PendingIds(500).Count);
    }

    [Fact]
    public void Expire_ReturnsEachExpiredRangeOnce()
    {
        var backlog = new Backlog();
        backlog.Add(10, 19, T0);
        backlog.Add(30, 39, T0.AddMinutes(10));

        Assert.Empty(backlog.Expire(T0.AddSeconds(-1)));
        var first = backlog.Expire(T0);
        var second = backlog.Expire(T0.AddMinutes(1));

        Assert.Equal([new IdRange(10, 19)], first.Select(r => r.Ids));
        Assert.Empty(second);
        Assert.Equal(10, backlog.Count);
        Assert.Equal(T0.AddMinutes(10), backlog.OldestExpiry);
    }

    [Fact]
    public void OldestExpiry_EmptyBacklog_IsNull()
    {
        var backlog = new Backlog();

        Assert.Null(backlog.OldestExpiry);
        Assert.True(backlog.IsEmpty);
        Assert.Empty(backlog.PendingIds(10));
    }

    [Fact]
    public void Clone_SharesNothing()
    {
        var backlog = new Backlog();
        backlog.Add(1, 10, T0);

        var copy = backlog.Clone();
        backlog.Remove(5);

        Assert.Equal(10, copy.Count);
        Assert.True(copy.Contains(5));
    }

    [Fact]
    public void IdRange_PrintsOneIdOrARange()
    {
        Assert.Equal("7", new IdRange(7, 7).ToString());
        Assert.Equal("7-9", new IdRange(7, 9).ToString());
    }
}
