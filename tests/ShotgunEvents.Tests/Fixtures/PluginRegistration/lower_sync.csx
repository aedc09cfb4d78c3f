// Lower-case registerCallbacks, a synchronous callback, the overload without credentials.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Info($"sync {e.Id} {e.EventType} {e.Entity?.Name}");
}
