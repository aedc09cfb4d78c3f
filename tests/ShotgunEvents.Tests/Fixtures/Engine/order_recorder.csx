// Appends "<plugin name> <event id>" to one file shared by every plugin: the order plugins saw events in (serial mode).
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Record);

void Record(IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
    File.AppendAllText(Path.Combine(Setting("record_dir")!, "order.log"), PluginName + " " + e.Id + "\n");
