// stopOnError: false: the first callback throws at event <fail_at>; the error is logged, the event counts as handled
// and the recording callback after it still runs.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(Fails, stopOnError: false);
    reg.RegisterCallback(Record);
}

void Fails(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    if (e.Id == long.Parse(Setting("fail_at")!))
    {
        throw new InvalidOperationException($"tolerated failure at {e.Id}");
    }
}

void Record(IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
    File.AppendAllText(Path.Combine(Setting("record_dir")!, PluginName + ".ids"), e.Id + "\n");
