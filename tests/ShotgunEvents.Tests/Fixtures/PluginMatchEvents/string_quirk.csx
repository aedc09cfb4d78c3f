// Upstream examples pass a string where a list belongs; accepted, matched exactly, warned about once.
void registerCallbacks(Registrar reg)
{
    var match = new MatchEvents { ["Shotgun_Task_Change"] = "sg_status_list" };
    reg.RegisterCallback(OnStatus, match);
    reg.RegisterCallback(OnStatusAgain, match);
}

void OnStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"status {e.Id} {e.AttributeName}");

void OnStatusAgain(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"again {e.Id}");
