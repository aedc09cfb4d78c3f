void registerCallbacks(Registrar reg) => reg.RegisterCallback("quiet_script", "quiet-secret-key", Quiet);

void Quiet(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"quiet {e.Id}");
