// Writes back to the site from a callback, with its own script (read from the daemon's plugin settings).
void registerCallbacks(Registrar reg)
{
    var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["sg_status_list"] };
    reg.RegisterCallback(Setting("script_name"), Setting("script_key"), OnStatus, match);
}

async Task OnStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args, CancellationToken cancellationToken)
{
    var shot = await sg.FindOneAsync("Shot", Filter.Is("id", e.Entity!.Id), ["code"], cancellationToken: cancellationToken);
    var text = $"{shot!.Get<string>("code")} is now {e.Meta["new_value"]}";
    await sg.UpdateAsync("Shot", e.Entity.Id, new Dictionary<string, object?> { ["description"] = text }, cancellationToken: cancellationToken);
    log.Info(text);
}
