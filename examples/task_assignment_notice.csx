// task_assignment_notice.csx: when people are added to a Task, leave each of them a Note.
//
// Teaches: multi-entity changes (meta.added / meta.removed), creating an entity with links, and reading a field that
// holds several entities.

void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(Env("SGDAEMON_ASSIGNMENT_NAME"), Env("SGDAEMON_ASSIGNMENT_KEY"), OnAssignees,
        new MatchEvents { ["Shotgun_Task_Change"] = ["task_assignees"] });
}

async Task OnAssignees(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    // A multi-entity field change has no old/new value: meta.added and meta.removed list the links, each
    // {"type": "HumanUser", "id": 12, "name": "Ben Ortiz", ...}. Groups can be assignees too; notes go to people only.
    var added = (e.Meta["added"] as JArray ?? new JArray())
        .OfType<JObject>()
        .Where(link => link.Value<string>("type") == "HumanUser")
        .ToList();
    if (added.Count == 0 || e.Entity is null)
    {
        return;
    }

    var task = await sg.FindOneAsync("Task", Filter.Is("id", e.Entity.Id), "content", "entity", "project");
    if (task is null)
    {
        return;
    }

    foreach (var person in added)
    {
        // Entity links are {type, id}; EntityRef.ToJson() writes one. Fields that hold several entities take a list.
        var note = await sg.CreateAsync("Note", new Dictionary<string, object?>
        {
            ["project"] = task["project"],
            ["subject"] = $"You are on {task["content"]} for {task.GetRef("entity")?.Name}",
            ["content"] = $"{e.User?.Name ?? "Someone"} assigned you to this task.",
            ["note_links"] = new[] { task.ToRef().ToJson() },
            ["addressings_to"] = new[] { new JObject { ["type"] = "HumanUser", ["id"] = person["id"] } },
        });
        log.Info("Note #{0} left for {1} about task #{2}.", note.Id, person.Value<string>("name"), task.Id);
    }
}
