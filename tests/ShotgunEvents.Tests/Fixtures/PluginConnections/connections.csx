// Four callbacks: one never touches the site, two share credentials, one has its own.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(Quiet);
    reg.RegisterCallback("shared_script", "shared-secret-key", UsesShared);
    reg.RegisterCallback("shared_script", "shared-secret-key", UsesSharedToo);
    reg.RegisterCallback("other_script", "other-secret-key", UsesOther, new MatchEvents { ["Shotgun_Shot_New"] = null });
}

void Quiet(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"quiet {e.Id}");

async Task UsesShared(IShotgun sg, Logger log, ShotgunEvent e, object? args) => await sg.InfoAsync();

async Task UsesSharedToo(IShotgun sg, Logger log, ShotgunEvent e, object? args) => await sg.InfoAsync();

async Task UsesOther(IShotgun sg, Logger log, ShotgunEvent e, object? args) => await sg.InfoAsync();
