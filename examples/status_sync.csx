// status_sync.csx: when a Task goes final, approve its Versions still pending review and, once every Task of its
// Shot is final, finalize the Shot too, in one batch, so the site never shows half of the change.
//
// The port of a Python plugin, line by line: README.md, "Porting a plugin", shows the original beside this file.

const string Final = "fin";
const string Pending = "rev";
const string Approved = "apr";

// async Task, not void: registerCallbacks awaits the site (the daemon waits for it, within its register deadline).
async Task registerCallbacks(Registrar reg)
{
    // os.environ["..."] raised KeyError when unset; RequireEnv stops the registration with a message naming the variable.
    var name = reg.RequireEnv("SGDAEMON_STATUSSYNC_NAME");
    var key = reg.RequireEnv("SGDAEMON_STATUSSYNC_KEY");

    // Check the site before registering: a status missing from a list would fail every event. reg.Connect gives the
    // connection the callback below will get too (the same credentials); it connects here, on first use.
    var sg = reg.Connect(name, key);
    foreach (var (entityType, status) in new[] { ("Shot", Final), ("Version", Approved) })
    {
        var field = (await sg.SchemaFieldReadAsync(entityType, "sg_status_list"))["sg_status_list"]!;
        if (!field["properties"]!["valid_values"]!["value"]!.Values<string>().Contains(status))
        {
            reg.Logger.Error("{0}.sg_status_list has no '{1}': status_sync not registered.", entityType, status);
            return;
        }
    }

    // reg.logger.setLevel(logging.DEBUG): this plugin's loggers only, for this load of the file.
    reg.SetLogLevel(LogLevel.Debug);
    reg.RegisterCallback(name, key, SyncStatus, new MatchEvents { ["Shotgun_Task_Change"] = ["sg_status_list"] });
}

async Task SyncStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    // meta.get("in_create") and meta["new_value"] != FINAL, typed.
    if (e.InCreate || !e.ValueChangedTo(Final))
    {
        return;
    }

    log.Debug("Task {0}: {1} -> {2}", e.EntityId, e.OldValue<string>(), e.NewValue<string>());

    // Only the fields asked for can be read back: task["entity"] works, task["content"] would throw, naming it.
    var task = await sg.FindOneAsync("Task", Filter.Is("id", e.EntityId), "entity");
    if (task?.GetRef("entity") is not { Type: "Shot" } shot)
    {
        return;
    }

    var batch = new List<BatchRequest>();
    foreach (var version in await sg.FindAsync("Version", Filter.All(Filter.Is("sg_task", task.ToRef()), Filter.Is("sg_status_list", Pending)), "code"))
    {
        batch.Add(BatchRequest.Update("Version", version.Id, new { sg_status_list = Approved }));
    }

    var tasks = await sg.FindAsync("Task", Filter.Is("entity", shot), "sg_status_list");
    if (tasks.All(t => t.Get<string>("sg_status_list") == Final))
    {
        batch.Add(BatchRequest.Update("Shot", shot.Id, new { sg_status_list = Final }));
    }

    if (batch.Count > 0)
    {
        // Awaited: without the await the plugin would not compile (a dropped task loses its errors).
        await sg.BatchAsync(batch);
        log.Info("Task {0} final: {1} update(s) for {2}", e.EntityId, batch.Count, shot.Name);
    }
}
