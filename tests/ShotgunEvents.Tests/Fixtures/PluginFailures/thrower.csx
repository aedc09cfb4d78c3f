// stopOnError (the default): a failure deactivates the plugin at that event.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(First);
    reg.RegisterCallback(Boom);
    reg.RegisterCallback(After);
}

void First(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"first {e.Id}");

void Boom(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    if (e.Id >= 2)
    {
        throw new InvalidOperationException($"boom at {e.Id}");
    }
}

void After(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"after {e.Id}");
