// Calls the site in the middle of the event; the test holds that call to keep the event in flight.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

async Task OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Info($"gated-v1 start {e.Id}");
    await sg.InfoAsync();
    log.Info($"gated-v1 end {e.Id}");
}
