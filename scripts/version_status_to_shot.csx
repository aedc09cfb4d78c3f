// version_status_to_shot.csx: a Shot follows the review of its latest Version.
//
// Live in the demo: new versions arrive as "rev" (pending review) and the coordinator approves or rejects them every
// few seconds. This plugin moves the version's shot along: in review, finished when approved, back to work when
// rejected. Its update goes through this callback's own connection, so it lands in the event log as a new event
// (and log_changes.csx reports it, "by" the daemon's script user).
//
// On a real site give the plugin its own script user (upstream practice: the event log then shows which plugin
// changed what): reg.RegisterCallback(Env("SGDAEMON_VERSIONSTATUS_NAME"), Env("SGDAEMON_VERSIONSTATUS_KEY"), ...).

void registerCallbacks(Registrar reg)
{
    // Version status -> the Shot status it implies. Passed as args: built once per load, handed to every call.
    var shotStatusFor = new Dictionary<string, string> { ["rev"] = "rev", ["apr"] = "fin", ["rej"] = "ip" };
    reg.RegisterCallback(OnVersionStatus, new MatchEvents { ["Shotgun_Version_Change"] = ["sg_status_list"] }, shotStatusFor);
}

async Task OnVersionStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var shotStatusFor = (Dictionary<string, string>)args!;
    var versionStatus = e.Meta.Value<string>("new_value");
    if (e.Entity is null || versionStatus is null || !shotStatusFor.TryGetValue(versionStatus, out var shotStatus))
    {
        return; // retired meanwhile, or a status that says nothing about the shot ("vwd", "na")
    }

    var version = await sg.FindOneAsync("Version", Filter.Is("id", e.Entity.Id), "code", "entity");
    if (version?.GetRef("entity") is not { Type: "Shot" } shotRef)
    {
        return; // an asset's version
    }

    var shot = await sg.FindOneAsync("Shot", Filter.Is("id", shotRef.Id), "code", "sg_status_list");
    if (shot is null || shot.Get<string>("sg_status_list") == shotStatus)
    {
        return; // nothing to change: no event, no noise
    }

    await sg.UpdateAsync("Shot", shot.Id, new { sg_status_list = shotStatus });
    log.Info("Version {0} is '{1}': shot {2} {3} -> {4}", version["code"], versionStatus, shot["code"], shot["sg_status_list"], shotStatus);
}
