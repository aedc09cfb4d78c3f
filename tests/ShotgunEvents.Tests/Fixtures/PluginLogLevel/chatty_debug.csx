// Python's reg.logger.setLevel(logging.DEBUG): this plugin's loggers at DEBUG, the daemon's at its own level.
void registerCallbacks(Registrar reg)
{
    reg.SetLogLevel(LogLevel.Debug);
    reg.Logger.Debug("registering at debug");
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Debug("debug {0}", e.Id);
    log.Info("info {0}", e.Id);
}
