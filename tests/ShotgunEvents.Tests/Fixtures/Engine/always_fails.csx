// stopOnError (the default): throws on the first event it gets, so the plugin turns inactive there.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Fail);

void Fail(IShotgun sg, Logger log, ShotgunEvent e, object? args) => throw new InvalidOperationException($"broken at {e.Id}");
