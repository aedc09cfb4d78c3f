// task_assignment_notice.csx: tells who was just given which task.
//
// Live in the demo: the coordinator adds people to tasks every now and then. A multi-entity field change carries
// meta.added / meta.removed (lists of entity links) instead of old and new values; this plugin reads the task once
// and writes one notice per person added. A studio would post to chat or mail here; the log shows the idea.

void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnAssignees, new MatchEvents { ["Shotgun_Task_Change"] = ["task_assignees"] }, stopOnError: false);
}

async Task OnAssignees(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var added = (e.Meta["added"] as JArray ?? new JArray()).OfType<JObject>().Where(p => p.Value<string>("type") == "HumanUser").ToList();
    if (added.Count == 0 || e.Entity is null)
    {
        return; // only removals, or the task is gone
    }

    var task = await sg.FindOneAsync("Task", Filter.Is("id", e.Entity.Id), "content", "entity", "step", "task_assignees");
    var on = task?.GetRef("entity")?.Name ?? "?";
    var team = task?.GetRefs("task_assignees").Count ?? 0;
    foreach (var person in added)
    {
        log.Info("Notice for {0}: you are on '{1}' for {2} (assigned by {3}; {4} on this task now).",
            person.Value<string>("name"), task?["content"], on, e.User?.Name ?? "?", team);
    }
}
