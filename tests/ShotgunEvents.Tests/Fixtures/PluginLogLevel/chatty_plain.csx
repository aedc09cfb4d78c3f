// The same plugin with the SetLogLevel line removed.
void registerCallbacks(Registrar reg)
{
    reg.Logger.Debug("registering at debug");
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Debug("debug {0}", e.Id);
    log.Info("info {0}", e.Id);
}
