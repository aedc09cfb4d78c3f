// Opens a connection with other script credentials at registration and writes through it from the callback.
void registerCallbacks(Registrar reg)
{
    var writer = reg.Connect(reg.RequireSetting("writer_name"), reg.RequireSetting("writer_key"));
    reg.RegisterCallback(OnShot, new MatchEvents { ["Shotgun_Shot_Change"] = ["sg_status_list"] }, args: writer);
}

async Task OnShot(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var writer = (IShotgun)args!;
    await writer.UpdateAsync("Shot", e.EntityId!.Value, new { description = "status is " + e.NewValue<string>() });
}
