// A Python-shaped port: a synchronous callback that drops the task (the compiler alone says nothing here).
void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnShot);

void OnShot(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    _ = sg.InfoAsync();
    sg.UpdateAsync("Shot", e.EntityId ?? 0, new { description = "lost" });
}
