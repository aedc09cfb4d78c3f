void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnEvent);
    throw new InvalidOperationException("cannot register today");
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("never");
