// Creates a Note for every Shot status change: a write that --dry-run must log and not send.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnShotStatus, new MatchEvents { ["Shotgun_Shot_Change"] = ["sg_status_list"] });
}

async Task OnShotStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Info("noting shot {0} for event {1}", e.Entity?.Id, e.Id);
    await sg.CreateAsync("Note", new Dictionary<string, object?>
    {
        ["subject"] = $"status of shot {e.Entity?.Id} is now {e.Meta["new_value"]}",
        ["note_links"] = new[] { e.Entity!.ToJson() },
    });
}
