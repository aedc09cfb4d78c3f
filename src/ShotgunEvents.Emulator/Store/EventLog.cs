namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// The EventLogEntry table: rows in id order in fixed-size chunks (appends never copy a million rows; a lookup by id
/// is a binary search), the id sequence, and the visibility of late-committing ids.
/// </summary>
/// <remarks>
/// Rows are appended in id order even when they become visible later: a late-commit row is present but hidden until
/// its time (held in <see cref="_visibleAt"/>), so readers see a gap that fills, exactly like a long transaction.
/// Burned ids are simply skipped by the sequence. Not thread-safe: the store's lock guards it.
/// </remarks>
internal sealed class EventLog
{
    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<EventRow[]> _chunks = [];
    private readonly Dictionary<int, long> _visibleAt = [];
    private readonly Queue<DelayBlock> _delays = new();

    public int Count { get; private set; }

    /// <summary>The id the next event gets.</summary>
    public int NextId { get; set; } = 1;

    /// <summary>Event types, attribute names and entity type names.</summary>
    public StringTable Strings { get; } = new();

    public StringTable Sessions { get; } = new();

    public ref readonly EventRow this[int index] => ref _chunks[index >> ChunkShift][index & ChunkMask];

    /// <summary>Takes the next id; when a late-commit block is queued, also returns the delay of its visibility.</summary>
    public int AllocateId(out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (_delays.TryPeek(out var block))
        {
            delay = block.Delay;
            block.Remaining--;
            if (block.Remaining == 0)
            {
                _delays.Dequeue();
            }
        }

        return NextId++;
    }

    public void QueueDelay(int ids, TimeSpan delay) => _delays.Enqueue(new DelayBlock(ids, delay));

    public void ClearQueuedDelays() => _delays.Clear();

    /// <summary>Skips ids, as a rolled-back transaction does: they never appear.</summary>
    public void Burn(int count) => NextId += count;

    /// <summary>Appends a row; its id must be above every stored id. <paramref name="visibleAtMs"/> 0 means visible now.</summary>
    public void Append(in EventRow row, long visibleAtMs)
    {
        if (Count > 0 && row.Id <= this[Count - 1].Id)
        {
            throw new InvalidOperationException($"Event id {row.Id} is not above the last stored id {this[Count - 1].Id}.");
        }

        if ((Count & ChunkMask) == 0 && (Count >> ChunkShift) == _chunks.Count)
        {
            _chunks.Add(new EventRow[ChunkSize]);
        }

        _chunks[Count >> ChunkShift][Count & ChunkMask] = row;
        Count++;
        if (row.Id >= NextId)
        {
            NextId = row.Id + 1;
        }

        if (visibleAtMs > 0)
        {
            _visibleAt[row.Id] = visibleAtMs;
        }
    }

    /// <summary>The index of the first row whose id is above <paramref name="id"/> (Count when none).</summary>
    public int IndexAfter(int id)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (int)(((uint)lo + (uint)hi) >> 1);
            if (this[mid].Id <= id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The index of the row with this id, or -1.</summary>
    public int IndexOf(int id)
    {
        var index = IndexAfter(id - 1);
        return index < Count && this[index].Id == id ? index : -1;
    }

    /// <summary>When a late-commit id becomes visible (Unix ms); 0 for an id visible at once.</summary>
    public long VisibleAtMs(int id) => _visibleAt.TryGetValue(id, out var at) ? at : 0;

    public bool IsVisible(int id, long nowMs) =>
        _visibleAt.Count == 0 || !_visibleAt.TryGetValue(id, out var at) || at <= nowMs;

    public int LatestVisibleId(long nowMs)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            if (IsVisible(this[i].Id, nowMs))
            {
                return this[i].Id;
            }
        }

        return 0;
    }

    public int VisibleCount(long nowMs) => Count - _visibleAt.Values.Count(at => at > nowMs);

    /// <summary>Forgets visibility times that have passed, so the common read path stays a single dictionary check.</summary>
    public void PruneVisible(long nowMs)
    {
        if (_visibleAt.Count == 0)
        {
            return;
        }

        foreach (var id in _visibleAt.Where(p => p.Value <= nowMs).Select(p => p.Key).ToList())
        {
            _visibleAt.Remove(id);
        }
    }
}
