// Feeds Newtonsoft's contract cache one of its own (anonymous) types: this pins the plugin's code in memory.
using Newtonsoft.Json;

void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
    log.Info(JsonConvert.SerializeObject(new { pinned = e.Id }));
