// A multi-entity change: LINQ over the meta's JArray (needs System.ObjectModel and TypeConverter as references).
void registerCallbacks(Registrar reg) =>
    reg.RegisterCallback(OnAssignees, new MatchEvents { ["Shotgun_Task_Change"] = ["task_assignees"] });

void OnAssignees(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var added = (e.Meta["added"] as JArray)!.OfType<JObject>().Select(u => u.Value<string>("name"));
    log.Info($"added {string.Join(",", added)} removed {e.Meta["removed"]!.Count()}");
}
