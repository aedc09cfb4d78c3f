using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// A main query started before its cycle: the events from <paramref name="From"/> on, either the next batch after it
/// (<paramref name="To"/> null, one page at a time) or exactly the ids <c>[From, To]</c> (a catch-up range).
/// </summary>
internal sealed record PrefetchedRead(long From, long? To, Task<IReadOnlyList<ShotgunEvent>> Read);
