// version_status_to_shot.csx: when a Version's status changes, set its Shot's status to match.
//
// A teaching port of the classic upstream pattern (read the event, look up the linked entity, update it). The live
// copy in scripts/ runs against the demo site; this one explains each step.

void registerCallbacks(Registrar reg)
{
    // matchEvents: event type -> the attributes (fields) of interest. A list, as upstream should have written it:
    // upstream examples often passed a bare string, which Python matched as a substring; here a string is taken as
    // exactly that field, with a warning.
    var match = new MatchEvents { ["Shotgun_Version_Change"] = ["sg_status_list"] };

    // args: set-up done once per load and handed back to every call (the same instance).
    var shotStatusFor = new Dictionary<string, string>
    {
        ["rev"] = "rev", // pending review   -> shot in review
        ["apr"] = "fin", // approved         -> shot final
        ["rej"] = "ip",  // rejected         -> back in progress
    };

    // One script user per plugin (upstream practice): the event log then shows this plugin as the author of its
    // changes, and its key can be revoked alone. Without the variables, the daemon's own credentials are used.
    // stopOnError: true (the default) deactivates the plugin at an event whose callback throws; it resumes at that
    // event once the file is saved again, so nothing is skipped silently.
    reg.RegisterCallback(Env("SGDAEMON_VERSIONSTATUS_NAME"), Env("SGDAEMON_VERSIONSTATUS_KEY"),
        OnVersionStatus, match, args: shotStatusFor, stopOnError: true);
}

// async: every IShotgun call is asynchronous. The daemon awaits the callback before the next event of this plugin.
async Task OnVersionStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var shotStatusFor = (Dictionary<string, string>)args!;

    // Python: event['meta']['new_value'] -> e.NewValue<string>() (e.Meta is the JObject as sent, for anything else).
    var newStatus = e.NewValue<string>();
    if (newStatus is null || !shotStatusFor.TryGetValue(newStatus, out var shotStatus))
    {
        log.Debug("Version status {0} means nothing for the shot.", newStatus);
        return;
    }

    // Python: event['entity'] is None when the entity was retired before the event was read. Same here.
    if (e.Entity is null)
    {
        return;
    }

    // Python: sg.find_one('Version', [['id', 'is', id]], ['entity']) -> FindOneAsync with a Filter.
    var version = await sg.FindOneAsync("Version", Filter.Is("id", e.Entity.Id), "code", "entity");
    var shot = version?.GetRef("entity");
    if (shot is null || shot.Type != "Shot")
    {
        return;
    }

    // Python: sg.update('Shot', id, {'sg_status_list': status}) -> UpdateAsync with an anonymous object (or a
    // dictionary). With use_session_uuid on, the browser session that made the version change sees this live.
    await sg.UpdateAsync("Shot", shot.Id, new { sg_status_list = shotStatus });
    log.Info("Shot {0} set to '{1}' because version {2} is '{3}'.", shot.Name, shotStatus, version!["code"], newStatus);
}
