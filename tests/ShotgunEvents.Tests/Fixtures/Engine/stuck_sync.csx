// Records each event, then blocks its thread (a synchronous callback that never yields, deaf to cancellation) until
// <record_dir>/release exists: a plugin stuck for as long as a test likes, the way a blocking call hangs.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

void Record(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var dir = Setting("record_dir")!;
    File.AppendAllText(Path.Combine(dir, PluginName + ".ids"), e.Id + "\n");
    while (!File.Exists(Path.Combine(dir, "release")))
    {
        Thread.Sleep(20);
    }
}
