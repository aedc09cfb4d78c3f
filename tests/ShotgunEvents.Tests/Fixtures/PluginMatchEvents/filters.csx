// One callback per matchEvents rule; each logs its name and the event id.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(All);                                                     // none: every event
    reg.RegisterCallback(Empty, new MatchEvents());                                // empty: every event
    reg.RegisterCallback(StarKey, new MatchEvents { ["*"] = ["code"], ["Shotgun_Shot_New"] = null }); // '*' key only
    reg.RegisterCallback(NewShots, new MatchEvents { ["Shotgun_Shot_New"] = null });
    reg.RegisterCallback(AnyAttribute, new MatchEvents { ["Shotgun_Shot_Change"] = ["*"] });
    reg.RegisterCallback(CodeOnly, new MatchEvents { { "Shotgun_Shot_Change", ["code", "description"] } });
}

void All(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"All {e.Id}");
void Empty(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"Empty {e.Id}");
void StarKey(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"StarKey {e.Id}");
void NewShots(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"NewShots {e.Id}");
void AnyAttribute(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"AnyAttribute {e.Id}");
void CodeOnly(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"CodeOnly {e.Id}");
