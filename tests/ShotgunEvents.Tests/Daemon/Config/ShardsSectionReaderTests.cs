using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Shards;

namespace ShotgunEvents.Tests.Daemon.Config;

public sealed class ShardsSectionReaderTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("", null, null, null, null)]
    [InlineData("shard = 2/3", null, null, null, "2/3")]
    [InlineData("shard = 2/3", "3/3", null, null, "3/3")]
    [InlineData("shard = 2/3", null, "0", "4", "1/4")]
    [InlineData("", "1/2", "3", "4", "1/2")]
    [InlineData("shard = 1/1", null, null, null, "1/1")]
    public void Read_ShardFromEnvironmentOrFile_EnvironmentFirstAndOrdinalsFromZero(string line, string? shard, string? index, string? count, string? expected)
    {
        var env = ConfigDirectory.Env([.. new (string, string?)[]
        {
            ("SHOTGUN_EVENTS_SHARD", shard), ("SHOTGUN_EVENTS_SHARD_INDEX", index), ("SHOTGUN_EVENTS_SHARD_COUNT", count),
        }.Where(v => v.Item2 is not null).Select(v => (v.Item1, v.Item2!))]);

        var settings = ConfigLoader.Load(WriteRealSite(line), env);

        Assert.Equal(expected, settings.Shards.Shard?.ToString());
        var stateFile = Path.Join(_dir.Path, "state", "state.json");
        Assert.Equal(settings.Shards.Shard is { } s ? ShardSpec.StateFileFor(stateFile, s.Index, s.Count) : stateFile, settings.Daemon.EventIdFile);
        Assert.Equal(stateFile, settings.Shards.StateFileBase);
    }

    [Fact]
    public void Read_ShardsWithTheEmbeddedSite_ErrorSaysWhy()
    {
        var path = _dir.WriteMinimal(daemon: "shard = 1/2");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, ConfigDirectory.Env()));

        Assert.Equal("daemon.ini [daemon] shard: 1/2 with server = embedded: the shards must read one site, and an embedded site lives inside each daemon",
            Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("shard = 5/3", null, "daemon.ini [daemon] shard: '5/3' has K = 5: a shard of 3 is 1 to 3")]
    [InlineData("", "x", "daemon.ini [daemon] shard: $SHOTGUN_EVENTS_SHARD 'x' is not K/N (this daemon's shard K of N shards, as 2/3)")]
    [InlineData("shard = 1/2\n[shards]\nsync = 3", null, "daemon.ini [shards] sync: '3' must be at most 2")]
    public void Read_BadShard_ErrorNamesSectionKeyAndReason(string lines, string? variable, string expected)
    {
        var env = variable is null ? ConfigDirectory.Env() : ConfigDirectory.Env(("SHOTGUN_EVENTS_SHARD", variable));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(WriteRealSite(lines), env));

        Assert.Equal(expected, Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void WithShard_CommandLineOverridesAndMovesTheStateFile_BadValueIsAConfigError()
    {
        var settings = ConfigLoader.Load(WriteRealSite("shard = 1/3"), ConfigDirectory.Env());

        var two = ShardsSectionReader.WithShard(settings, "2/3");

        Assert.Equal("2/3", two.Shards.Shard?.ToString());
        Assert.EndsWith("state.shard-2-of-3.json", two.Daemon.EventIdFile, StringComparison.Ordinal);
        var one = ShardsSectionReader.WithShard(settings, "1/1");
        Assert.Null(one.Shards.Shard);
        Assert.Equal(settings.Shards.StateFileBase, one.Daemon.EventIdFile);
        var error = Assert.Throws<ConfigException>(() => ShardsSectionReader.WithShard(settings, "3"));
        Assert.Equal("daemon.ini [daemon] shard: --shard '3' is not K/N (this daemon's shard K of N shards, as 2/3)", Assert.Single(error.Errors).ToString());
    }

    private string WriteRealSite(string daemonLines)
    {
        var path = _dir.WriteMinimal(daemon: "eventIdFile = state/state.json\n" + daemonLines);
        File.WriteAllText(path, File.ReadAllText(path).Replace("server = embedded", "server = https://studio.example.com\nname = d\nkey = k", StringComparison.Ordinal));
        return path;
    }
}
