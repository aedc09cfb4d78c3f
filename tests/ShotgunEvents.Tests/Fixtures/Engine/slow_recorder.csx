// Records each event, then holds the lane until <record_dir>/release or <record_dir>/release-<plugin name> exists:
// a plugin busy for as long as a test likes.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

async Task Record(IShotgun sg, Logger log, ShotgunEvent e, object? args, CancellationToken cancellationToken)
{
    var dir = Setting("record_dir")!;
    File.AppendAllText(Path.Combine(dir, PluginName + ".ids"), e.Id + "\n");
    while (!File.Exists(Path.Combine(dir, "release")) && !File.Exists(Path.Combine(dir, "release-" + PluginName)))
    {
        await Task.Delay(20, cancellationToken);
    }
}
