using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>What one <see cref="CatchUpReader.NextAsync"/> returned.</summary>
/// <param name="Events">The events, in id order.</param>
/// <param name="More">True when more is waiting on the site right after them (read again at once); false once the read
/// reached the site's newest event.</param>
internal readonly record struct EventPage(IReadOnlyList<ShotgunEvent> Events, bool More);
