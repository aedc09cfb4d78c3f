using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class DaemonStateTests
{
    private const string Scripts = "/srv/sge/scripts";
    private const string Extra = "/srv/sge/extra";

    private static DaemonState StateWith(params (string Collection, string Plugin, long? Last)[] entries)
    {
        var state = new DaemonState();
        foreach (var (collection, plugin, last) in entries)
        {
            state.Set(collection, plugin, new PluginState(last));
        }

        return state;
    }

    [Fact]
    public void Resolve_KnownPlugin_ResumesItsOwnState()
    {
        var state = StateWith((Scripts, "logArgs", 500), (Scripts, "other", 900));
        var own = state.Find(Scripts, "logArgs");

        var resolved = state.Resolve(Scripts, "logArgs");

        Assert.Equal(StateOrigin.Resumed, resolved.Origin);
        Assert.Same(own, resolved.State);
    }

    [Fact]
    public void Resolve_MovedCollection_EveryPluginKeepsItsStateByName_HighestLastIdWins()
    {
        var state = StateWith(
            ("/old/scripts", "logArgs", 500), ("/old/scripts", "versions", 480),
            ("/older/scripts", "logArgs", 300));
        state.Set("/old/scripts", "versions", new PluginState(480, Backlog.Empty.Add(470, 471, DateTimeOffset.UnixEpoch)));

        var logArgs = state.Resolve(Scripts, "logArgs");
        var versions = state.Resolve(Scripts, "versions");

        Assert.Equal((StateOrigin.MovedCollection, "/old/scripts", 500L), (logArgs.Origin, logArgs.SourceCollection, logArgs.State.LastEventId));
        Assert.Equal((StateOrigin.MovedCollection, "/old/scripts", 480L), (versions.Origin, versions.SourceCollection, versions.State.LastEventId));
        Assert.True(versions.State.Backlog.Contains(470));
        // Its own entry: moving on under the new key leaves the old collection's entry as it was (upstream shared one
        // mutable tuple between both).
        Assert.Same(versions.State, state.Find(Scripts, "versions"));
        state.Set(Scripts, "versions", new PluginState(999));
        Assert.Equal(480, state.Find("/old/scripts", "versions")!.LastEventId);
    }

    [Fact]
    public void Resolve_EveryPluginRenamed_StartsAtTheCollectionsPositionInsteadOfIdling()
    {
        // Upstream §5.3: the collection key exists but no current name is in it: every plugin stayed None, forever.
        var state = StateWith((Scripts, "oldA", 700), (Scripts, "oldB", 650));

        var a = state.Resolve(Scripts, "newA");
        var b = state.Resolve(Scripts, "newB");

        Assert.Equal((StateOrigin.CollectionPosition, 700L), (a.Origin, a.State.LastEventId));
        Assert.Equal((StateOrigin.CollectionPosition, 700L), (b.Origin, b.State.LastEventId));
    }

    [Fact]
    public void Resolve_NewPlugin_StartsAtTheHighestSiblingNotAtAStuckOne()
    {
        var state = StateWith((Scripts, "stuckSinceMonths", 10), (Scripts, "healthy", 90_000), (Extra, "elsewhere", 95_000));

        var resolved = state.Resolve(Scripts, "brandNew");

        Assert.Equal((StateOrigin.CollectionPosition, 90_000L), (resolved.Origin, resolved.State.LastEventId));
        Assert.True(resolved.State.Backlog.IsEmpty);
        Assert.Same(resolved.State, state.Find(Scripts, "brandNew"));
    }

    [Fact]
    public void Resolve_NewCollectionWithUnknownPlugins_StartsAtTheDaemonsPosition()
    {
        var state = StateWith((Scripts, "a", 100), (Extra, "b", 250));

        var resolved = state.Resolve("/srv/sge/new", "c");

        Assert.Equal((StateOrigin.DaemonPosition, 250L), (resolved.Origin, resolved.State.LastEventId));
    }

    [Fact]
    public void Resolve_OnlyALegacyStartId_EveryPluginStartsAfterIt()
    {
        var state = new DaemonState { DefaultLastEventId = 123_456 };

        var resolved = state.Resolve(Scripts, "logArgs");

        Assert.Equal((StateOrigin.LegacyStartId, 123_456L), (resolved.Origin, resolved.State.LastEventId));
        Assert.Equal(123_456, state.Resolve(Scripts, "other").State.LastEventId);
    }

    [Fact]
    public void Resolve_NothingKnown_IsFreshWithNoLastId()
    {
        var state = new DaemonState();

        var resolved = state.Resolve(Scripts, "logArgs");

        Assert.Equal(StateOrigin.Fresh, resolved.Origin);
        Assert.Null(resolved.State.LastEventId);
        Assert.Same(resolved.State, state.Find(Scripts, "logArgs"));
    }

    [Fact]
    public void Resolve_SiblingsWithoutLastId_DoNotCountAsAPosition()
    {
        var state = StateWith((Scripts, "neverRan", null));

        Assert.Equal(StateOrigin.Fresh, state.Resolve(Scripts, "new").Origin);
    }
}
