// shared_state.csx: state shared between callbacks and kept across events (upstream's sharedStateA/B pattern).
//
// The documented ways to share state, in C#:
//   1. pass one mutable object as args to several callbacks (preferred; shown here with Counter);
//   2. register a method of an object instance as the callback, so the object's fields are its state (Watcher);
//   3. a top-level field of the script (works, but every reload starts from scratch, like the other two).
// Callbacks of one plugin never run at the same time (one event at a time per plugin, in id order), so no lock is
// needed here. State lives in memory: saving the file or restarting the daemon starts again from zero.

sealed class Counter
{
    public int Events;
    public Dictionary<string, int> ByType { get; } = [];
}

sealed class Watcher
{
    private int? _lastSeenId;

    // A method of an instance can be the callback: its fields are the callback's state.
    public void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
    {
        if (_lastSeenId is { } last && e.Id != last + 1)
        {
            log.Debug("Ids {0}..{1} were not for this plugin or not on the site (gaps are normal).", last + 1, e.Id - 1);
        }

        _lastSeenId = e.Id;
    }
}

int loads; // 3. a script field: one per load of this file

void registerCallbacks(Registrar reg)
{
    loads++;
    var counter = new Counter();

    // 1. The same Counter instance goes to both callbacks.
    reg.RegisterCallback(CountEvent, new MatchEvents { ["*"] = null }, args: counter);
    reg.RegisterCallback(ReportEvery100, new MatchEvents { ["*"] = null }, args: counter);

    // 2. The callback's name in the log is the method's, "OnEvent": plugin.shared_state.OnEvent.
    reg.RegisterCallback(new Watcher().OnEvent);
}

void CountEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var counter = (Counter)args!;
    counter.Events++;
    counter.ByType[e.EventType] = counter.ByType.GetValueOrDefault(e.EventType) + 1;
}

// Registered after CountEvent, so it sees the count including this event: callbacks run in registration order.
void ReportEvery100(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var counter = (Counter)args!;
    if (counter.Events % 100 == 0)
    {
        var top = counter.ByType.OrderByDescending(p => p.Value).Take(3).Select(p => $"{p.Key} x{p.Value}");
        log.Info("{0} events since load {1}; most common: {2}", counter.Events, loads, string.Join(", ", top));
    }
}
