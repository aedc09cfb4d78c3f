// stopOnError (the default): throws at event <fail_at> before recording it, so the plugin stops there.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

void Record(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    if (e.Id == long.Parse(Setting("fail_at")!))
    {
        throw new InvalidOperationException($"broken at {e.Id}");
    }

    File.AppendAllText(Path.Combine(Setting("record_dir")!, PluginName + ".ids"), e.Id + "\n");
}
