using ShotgunEvents.Api;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// Plans catch-up reads: consecutive id ranges of one batch each, <c>[a, a+batch-1]</c>, <c>[a+batch, a+2·batch-1]</c>,
/// ..., and judges what each one's answer means for the ones after it. Owned by one <see cref="CatchUpReader"/>.
/// </summary>
internal sealed class RangePlanner
{
    private readonly int _batchSize;
    private long _next = 1;

    /// <summary>Creates a planner for ranges of <paramref name="batchSize"/> ids.</summary>
    /// <param name="batchSize">Ids per range (<c>max_event_batch_size</c>), at least 1.</param>
    public RangePlanner(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
    }

    /// <summary>Plans from <paramref name="from"/> on, forgetting the ranges planned before.</summary>
    /// <param name="from">The first id of the next range.</param>
    public void Reset(long from)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        _next = from;
    }

    /// <summary>The next range, right after the last one planned.</summary>
    public IdRange Next()
    {
        var range = new IdRange(_next, _next + _batchSize - 1);
        _next = range.To + 1;
        return range;
    }

    /// <summary>
    /// True when the ranges after <paramref name="range"/> may be used: its answer reaches its last id, so every id
    /// missing inside it sits before a visible one (a gap, as between two rows of one page). A range whose answer stops
    /// short (or is empty) may end at the site's newest event: the ids after its last row are not known to exist, and a
    /// later range, read at another moment, could make them look like a gap. Catch-up stops there and the poller goes
    /// back to one read from the cursor.
    /// </summary>
    /// <param name="range">The range that was read.</param>
    /// <param name="events">Its answer, in id order.</param>
    public static bool ReachedEnd(IdRange range, IReadOnlyList<ShotgunEvent> events) => events.Count > 0 && events[^1].Id >= range.To;
}
