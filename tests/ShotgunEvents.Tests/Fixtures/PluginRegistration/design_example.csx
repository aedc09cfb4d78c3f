// The example of DESIGN.md, as a plugin author writes it: Env() credentials, MatchEvents, async callback.
void registerCallbacks(Registrar reg)
{
    var match = new MatchEvents { ["Shotgun_Version_Change"] = ["sg_status_list"] };
    reg.RegisterCallback(Env("SGE_TEST_UNSET_NAME"), Env("SGE_TEST_UNSET_KEY"),
                         OnVersionStatus, match, args: null, stopOnError: true);
}

async Task OnVersionStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var version = await sg.FindOneAsync("Version", Filter.Is("id", e.Entity!.Id), "entity", "sg_status_list");
    log.Info($"version {version?.Id}");
}
