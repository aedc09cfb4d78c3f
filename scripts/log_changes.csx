// log_changes.csx: every status change on the site, and a running tally.
//
// Live in the demo: the studio's people move tasks along and review versions every few seconds; each change is one
// line here. Two callbacks share one Tally object through `args` (the same instance is handed back on every call),
// the way upstream plugins share state; every 25 events the tally is logged.

void registerCallbacks(Registrar reg)
{
    var tally = new Tally();
    reg.RegisterCallback(OnStatusChange, new MatchEvents { ["*"] = ["sg_status_list"] }, args: tally, stopOnError: false);
    reg.RegisterCallback(OnNewEntity, new MatchEvents { ["Shotgun_Version_New"] = null, ["Shotgun_Note_New"] = null }, args: tally, stopOnError: false);
}

void OnStatusChange(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var tally = (Tally)args!;
    tally.StatusChanges++;
    var from = e.Meta.Value<string>("old_value") ?? "(new)";
    log.Info("{0} {1}: {2} -> {3} (by {4})", e.Entity?.Type, e.Entity?.Name ?? $"#{e.Entity?.Id}", from, e.Meta["new_value"], e.User?.Name ?? "?");
    tally.Count(log, e);
}

void OnNewEntity(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var tally = (Tally)args!;
    if (e.EventType == "Shotgun_Version_New") tally.NewVersions++; else tally.NewNotes++;
    tally.Count(log, e);
}

// One instance per load of this file: saving the file starts a new tally.
sealed class Tally
{
    public int StatusChanges;
    public int NewVersions;
    public int NewNotes;
    private int _events;
    private DateTimeOffset? _since;

    public void Count(Logger log, ShotgunEvent e)
    {
        _since ??= e.CreatedAt;
        if (++_events % 25 == 0)
        {
            // Site time, not the local clock: a replay of old events tallies the time they happened.
            var seconds = (e.CreatedAt - _since.Value).TotalSeconds;
            log.Info("Tally after {0} events ({1:0} s of site time): {2} status changes, {3} new versions, {4} new notes.",
                _events, seconds, StatusChanges, NewVersions, NewNotes);
        }
    }
}
