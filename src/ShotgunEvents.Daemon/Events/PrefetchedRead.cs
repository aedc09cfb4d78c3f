using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events;

/// <summary>A main query started before its cycle: the events after <paramref name="From"/> − 1.</summary>
internal sealed record PrefetchedRead(long From, Task<IReadOnlyList<ShotgunEvent>> Read);
