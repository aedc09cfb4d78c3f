namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// One dispatched batch, followed through the lanes: the poller queues a marker behind each lane's share of the batch,
/// and the ticket is drained once the poller has handed out the whole batch and every lane has passed its marker. That
/// is the moment one state write holds the whole batch for every plugin, so the poller asks for it then, once, rather
/// than each lane asking when it nears its crash bound (lanes get there at different moments, and a write taken for
/// one finds the others short of theirs: about two writes per batch instead of one).
/// </summary>
internal sealed class BatchTicket
{
    private readonly Action _drained;
    private int _pending = 1; // the poller's own share: the batch is not all handed out yet

    /// <summary>Creates the ticket of a batch about to be dispatched.</summary>
    /// <param name="drained">Called once, on the thread that drains the ticket (quick, must not throw).</param>
    public BatchTicket(Action drained) => _drained = drained;

    /// <summary>True once the whole batch is handed out and every lane that got part of it has handled that part.</summary>
    public bool IsDrained => Volatile.Read(ref _pending) == 0;

    /// <summary>A lane's marker is about to be queued; the lane calls <see cref="Pass"/> when it reaches it.</summary>
    public void Add() => Interlocked.Increment(ref _pending);

    /// <summary>The poller has handed out the whole batch (every marker is queued).</summary>
    public void Seal() => Release();

    /// <summary>A lane reached its marker: its share of the batch is handled (or was dropped by a suspended lane).</summary>
    public void Pass() => Release();

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _drained();
        }
    }
}
