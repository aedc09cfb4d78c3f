// Logs every status change the demo studio makes.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnEvent, new MatchEvents { ["*"] = ["sg_status_list"] }, stopOnError: false);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Info("{0} {1}: {2} -> {3}", e.EventType, e.Entity, e.Meta["old_value"], e.Meta["new_value"]);
}
