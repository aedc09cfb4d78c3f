void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"v2 {e.Id}");
