// Looks its project up at registration, as many ported plugins do, and registers only when it exists.
async Task registerCallbacks(Registrar reg)
{
    var name = reg.RequireSetting("project");
    var project = await reg.Shotgun.FindOneAsync("Project", Filter.Is("name", name), "name");
    if (project is null)
    {
        reg.Logger.Warn("No project named {0}: nothing registered.", name);
        return;
    }

    reg.RegisterCallback(OnShot, new MatchEvents { ["Shotgun_Shot_Change"] = ["description"] }, args: project.ToRef());
}

async Task OnShot(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var project = (EntityRef)args!;
    var shot = await sg.FindOneAsync("Shot", Filter.Is("id", e.EntityId), "code", "project");
    log.Info("{0} in project {1}: {2}", shot!.Get<string>("code"), project.Id, shot.GetRef("project") == project);
}
