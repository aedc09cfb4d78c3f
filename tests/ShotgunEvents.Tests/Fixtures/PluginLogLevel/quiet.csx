// Sets no level: the daemon's applies.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Debug("debug {0}", e.Id);
    log.Info("info {0}", e.Id);
}
