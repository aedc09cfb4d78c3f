using ShotgunEvents.Daemon.Shards;

namespace ShotgunEvents.Tests.Daemon.Shards;

public sealed class ShardMapTests
{
    private static readonly Dictionary<string, int> None = new(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Owner_SamePluginEveryTime_SameShardWhateverElseIsThere()
    {
        var map = new ShardMap(3, None);
        var names = Enumerable.Range(0, 300).Select(i => $"plugin_{i}").ToList();

        var first = names.ToDictionary(n => n, n => map.Owner("scripts", n));
        var again = names.AsEnumerable().Reverse().ToDictionary(n => n, n => new ShardMap(3, None).Owner("scripts", n));

        Assert.Equal(first, again);
        Assert.All(first.Values, k => Assert.InRange(k, 1, 3));
        // A hash, not a round robin: each shard gets a fair share of 300 (binomial, p = 1/3: 100 +- 8 typical).
        Assert.All(first.Values.GroupBy(k => k), g => Assert.InRange(g.Count(), 70, 130));
    }

    [Fact]
    public void Owner_CollectionIsPartOfTheKey_AndAnAssignmentWinsInAnyCase()
    {
        var map = new ShardMap(4, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Sync_Versions"] = 4 });
        var byCollection = Enumerable.Range(0, 40).Select(i => map.Owner($"collection_{i}", "notes")).Distinct().Count();

        Assert.True(byCollection > 1, "the same plugin name in 40 collections landed in one shard");
        Assert.Equal(4, map.Owner("anywhere", "sync_versions"));
        Assert.Equal(1, new ShardMap(1, None).Owner("scripts", "anything"));
    }

    [Theory]
    [InlineData("2/3", 2, 3)]
    [InlineData(" 1 / 1 ", 1, 1)]
    [InlineData("64/64", 64, 64)]
    public void Parse_KOfN_IsThatShard(string text, int index, int count)
    {
        Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("3", "is not K/N")]
    [InlineData("0/3", "has K = 0: a shard of 3 is 1 to 3")]
    [InlineData("4/3", "has K = 4: a shard of 3 is 1 to 3")]
    [InlineData("1/0", "has N = 0: give 1 to 64 shards")]
    [InlineData("-1/2", "is not K/N")]
    public void Parse_NotAShard_SaysWhy(string text, string reason)
    {
        Assert.Null(ShardSpec.Parse(text, out var error));
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void StateFileFor_OneShardIsTheConfiguredFile_MoreCarryIndexAndCountInTheName()
    {
        Assert.Equal("/var/lib/x/state.json", ShardSpec.StateFileFor("/var/lib/x/state.json", 1, 1));
        Assert.Equal(Path.Combine("/var/lib/x", "state.shard-2-of-3.json"), ShardSpec.StateFileFor("/var/lib/x/state.json", 2, 3));
        Assert.Equal(Path.Combine("/var/lib/x", "shotgun-events.state.shard-10-of-12.json"),
            ShardSpec.StateFileFor("/var/lib/x/shotgun-events.state.json", 10, 12));
    }
}
