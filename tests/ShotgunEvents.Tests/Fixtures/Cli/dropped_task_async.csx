// An async callback that forgets one await: CS4014, an error in plugins.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnShot);

async Task OnShot(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    await sg.InfoAsync();
    sg.UpdateAsync("Shot", e.EntityId ?? 0, new { description = "lost" });
}
