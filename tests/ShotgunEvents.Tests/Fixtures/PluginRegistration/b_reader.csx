void registerCallbacks(Registrar reg) => reg.RegisterCallback(Read);

void Read(IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
    log.Info($"{e.Meta["new_value"]} {e["description"]?.ToString() ?? "none"}");
