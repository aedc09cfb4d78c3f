// Five callbacks on the same events, each with a different scope.
void registerCallbacks(Registrar reg)
{
    var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["description"], ["Shotgun_HumanUser_Change"] = ["name"] };
    reg.RegisterCallback(OnAny, match);
    reg.RegisterCallback(OnAlpha, match).InProjects("alpha");
    reg.RegisterCallback(OnBetaById, match).InProjects(int.Parse(reg.RequireSetting("beta_id")));
    reg.RegisterCallback(reg.RequireSetting("sync_name"), reg.RequireSetting("sync_key"), OnNotOwn, match).SkipOwnWrites();
    reg.RegisterCallback(OnNotDaemons, match).SkipOwnWrites();
}

void OnAny(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("{0}", e.Id);

void OnAlpha(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("{0}", e.Id);

void OnBetaById(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("{0}", e.Id);

void OnNotOwn(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("{0}", e.Id);

void OnNotDaemons(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("{0}", e.Id);
