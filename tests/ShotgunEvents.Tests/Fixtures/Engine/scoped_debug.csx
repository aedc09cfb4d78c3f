// A plugin with its own log level and a callback scoped to a project no event has: every event is skipped.
void registerCallbacks(Registrar reg)
{
    reg.SetLogLevel(LogLevel.Debug);
    reg.RegisterCallback(OnProjectOnly).InProjects(424242);
}

void OnProjectOnly(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("ran on {0}", e.Id);
