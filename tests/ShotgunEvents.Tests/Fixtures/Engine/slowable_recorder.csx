// Records each event; while <record_dir>/slow exists, takes 200 ms per event: a plugin slowed for a while.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

async Task Record(IShotgun sg, Logger log, ShotgunEvent e, object? args, CancellationToken cancellationToken)
{
    var dir = Setting("record_dir")!;
    File.AppendAllText(Path.Combine(dir, PluginName + ".ids"), e.Id + "\n");
    if (File.Exists(Path.Combine(dir, "slow")))
    {
        await Task.Delay(200, cancellationToken);
    }
}
