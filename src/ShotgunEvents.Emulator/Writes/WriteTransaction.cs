namespace ShotgunEvents.Emulator.Writes;

/// <summary>
/// One api3 write or batch: changes are applied as they go, each with an undo step, and the events wait. Commit appends
/// the events; rollback undoes every change in reverse order and drops the events, so a batch is all or nothing.
/// </summary>
internal sealed class WriteTransaction
{
    private readonly List<Action> _undo = [];
    private readonly List<PendingEvent> _events = [];

    public IReadOnlyList<PendingEvent> Events => _events;

    public void OnRollback(Action undo) => _undo.Add(undo);

    public void AddEvent(PendingEvent pending) => _events.Add(pending);

    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
        _events.Clear();
    }
}
