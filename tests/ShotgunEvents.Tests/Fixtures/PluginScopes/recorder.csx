// Takes shot and user changes, in any project.
void registerCallbacks(Registrar reg) =>
    reg.RegisterCallback(OnEvent, new MatchEvents { ["Shotgun_Shot_Change"] = ["description"], ["Shotgun_HumanUser_Change"] = ["name"] });

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("{0}", e.Id);
