// stopOnError: false: the failure is logged and the event counts as handled; later callbacks still run.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(Fails, stopOnError: false);
    reg.RegisterCallback(After);
}

async Task Fails(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    await Task.Yield();
    throw new ArgumentException($"tolerated {e.Id}");
}

void After(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"after {e.Id}");
