// Compiles and registers one callback that only counts: a plugin for status tests.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Debug("event {0}", e.Id);
