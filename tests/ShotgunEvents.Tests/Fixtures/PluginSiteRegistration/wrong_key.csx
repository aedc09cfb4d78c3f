// Checks its script credentials at registration; a wrong key stops the plugin there.
async Task registerCallbacks(Registrar reg)
{
    var own = reg.Connect("sync_bot", "not-the-key-0a1b2c");
    await own.FindAsync("Project", null, "name");
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
}
