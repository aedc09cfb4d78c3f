// Records each event, then awaits something that never completes and ignores the daemon's token: stuck for good.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

async Task Record(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    File.AppendAllText(Path.Combine(Setting("record_dir")!, PluginName + ".ids"), e.Id + "\n");
    await new TaskCompletionSource().Task;
}
