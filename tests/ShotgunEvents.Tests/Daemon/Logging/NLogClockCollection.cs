namespace ShotgunEvents.Tests.Daemon.Logging;

/// <summary>Tests that replace NLog's process-wide clock run in this collection, alone.</summary>
[CollectionDefinition(nameof(NLogClockCollection), DisableParallelization = true)]
public sealed class NLogClockCollection;
