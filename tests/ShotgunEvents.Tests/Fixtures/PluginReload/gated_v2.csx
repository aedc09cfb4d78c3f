void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

async Task OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Info($"gated-v2 start {e.Id}");
    await sg.InfoAsync();
    log.Info($"gated-v2 end {e.Id}");
}
