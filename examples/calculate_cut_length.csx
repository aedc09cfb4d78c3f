// calculate_cut_length.csx: keep a Shot's cut duration equal to cut out - cut in + 1 (a port of upstream's
// examplePlugins/calculate_cut_length.py).
//
// Teaches: several fields in one filter, reading the current values instead of trusting the event (another change
// may have landed since), stopOnError: false for a plugin whose failures should not stop it, and the cancellation
// token a callback may take to let the daemon stop promptly.

void registerCallbacks(Registrar reg)
{
    var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["sg_cut_in", "sg_cut_out"] };
    reg.RegisterCallback(Env("SGDAEMON_CUTLENGTH_NAME"), Env("SGDAEMON_CUTLENGTH_KEY"), UpdateCutDuration, match, stopOnError: false);
}

// The five-argument form receives the daemon's shutdown token: pass it on to every IShotgun call.
async Task UpdateCutDuration(IShotgun sg, Logger log, ShotgunEvent e, object? args, CancellationToken cancellationToken)
{
    if (e.Entity is null)
    {
        return;
    }

    var shot = await sg.FindOneAsync("Shot", Filter.Is("id", e.Entity.Id), ["code", "sg_cut_in", "sg_cut_out", "sg_cut_duration"],
        cancellationToken: cancellationToken);
    var cutIn = shot?.Get<int?>("sg_cut_in");
    var cutOut = shot?.Get<int?>("sg_cut_out");
    if (shot is null || cutIn is null || cutOut is null)
    {
        return; // both ends are needed
    }

    var duration = cutOut.Value - cutIn.Value + 1;
    if (shot.Get<int?>("sg_cut_duration") == duration)
    {
        return; // already right: writing it again would only add an event
    }

    await sg.UpdateAsync("Shot", shot.Id, new { sg_cut_duration = duration }, cancellationToken: cancellationToken);
    log.Info("Shot {0}: cut duration {1} ({2}-{3}).", shot["code"], duration, cutIn, cutOut);
}
