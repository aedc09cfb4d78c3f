namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>
/// The packaging tests each build the daemon anew (pack, publish): one at a time, so two such builds never share the
/// machine's two cores with each other on top of the rest of the suite.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection
{
    public const string Name = "Packaging";
}
