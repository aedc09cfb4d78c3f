// Appends each event id to <record_dir>/<plugin name>.ids, one line per event, written through at once (a crash
// loses nothing the plugin recorded).
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

void Record(IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
    File.AppendAllText(Path.Combine(Setting("record_dir")!, PluginName + ".ids"), e.Id + "\n");
