using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Seeding;

/// <summary>
/// Appends realistic event rows in bulk, straight into the log: a mix of status and field changes, task assignments,
/// creations (a New row plus its in_create Change rows), retirements (with their retirement_date row), revivals and
/// Toolkit custom events, by people (with browser session ids) and scripts, spread over the recent past.
/// Runs under the store's write lock.
/// </summary>
internal sealed class EventSeeder(SiteData site)
{
    private static readonly string[] Apps = ["tk-multi-publish2", "tk-multi-loader2", "tk-multi-workfiles2", "tk-multi-snapshot"];

    private readonly Random _random = new(unchecked((int)(0x5EED ^ site.Events.NextId)));

    public long Seed(int count)
    {
        var log = site.Events;
        if (count == 0)
        {
            return log.Count == 0 ? 0 : log[log.Count - 1].Id;
        }

        var pool = SeedPool.Build(site);
        var templates = new SeedTemplates(site);
        var sessions = pool.Humans.ToDictionary(h => h.Id, _ => log.Sessions.Intern(Guid.NewGuid().ToString()));
        var strings = log.Strings;
        var now = site.Now.ToUnixTimeMilliseconds();
        var last = log.Count == 0 ? 0 : log[log.Count - 1].CreatedAt * 1000;
        // Spread the history over the recent past, about four writes a second, never before the newest existing event.
        var clock = Math.Max(last, now - (count * 250L));
        var step = Math.Max(0, (now - clock) / Math.Max(1, count));
        var written = 0;
        while (written < count)
        {
            var actorIsScript = pool.Scripts.Count > 0 && _random.Next(5) == 0;
            var user = actorIsScript ? pool.Scripts[_random.Next(pool.Scripts.Count)] : pool.Humans[_random.Next(pool.Humans.Count)];
            var context = new RowContext(strings.Intern(user.Type), user.Id, actorIsScript ? -1 : sessions[user.Id], pool.ProjectId, clock / 1000);
            var roll = _random.Next(100);
            var entity = pool.Changeable[_random.Next(pool.Changeable.Count)];
            if (roll < 45)
            {
                written += Append(context, "Change", entity, "sg_status_list", templates.Status(entity.Type, _random), count - written);
            }
            else if (roll < 57)
            {
                var field = entity.Type == "Task" ? "sg_description" : "description";
                written += Append(context, "Change", entity, field, templates.Description(entity.Type, _random), count - written);
            }
            else if (roll < 65)
            {
                var task = new EntityKey("Task", pool.Tasks[_random.Next(pool.Tasks.Count)]);
                written += Append(context, "Change", task, "task_assignees", templates.Assignment(pool.Humans[_random.Next(pool.Humans.Count)]), count - written);
            }
            else if (roll < 70 && entity.Type == "Shot")
            {
                written += Append(context, "Change", entity, "sg_cut_in", templates.CutIn(_random), count - written);
            }
            else if (roll < 85)
            {
                written += Append(context, "New", entity, null, templates.New, count - written);
                written += Append(context, "Change", entity, "sg_status_list", templates.Status(entity.Type, _random, inCreate: true), count - written);
            }
            else if (roll < 90)
            {
                var retired = pool.RetiredShots[_random.Next(pool.RetiredShots.Count)];
                written += Append(context, "Retirement", retired, null, templates.Retirement, count - written);
                written += Append(context, "Change", retired, "retirement_date", templates.RetirementDate, count - written);
            }
            else if (roll < 92)
            {
                written += Append(context, "Revival", entity, null, templates.Revival, count - written);
            }
            else
            {
                var app = Apps[_random.Next(Apps.Length)];
                var project = new EntityKey("Project", pool.ProjectId);
                written += AppendCustom(context, "Toolkit_App_Startup", pool.ProjectId == 0 ? null : project, templates.Custom(app), count - written);
            }

            clock += step + _random.Next(0, 2) * 100;
            clock = Math.Min(clock, Math.Max(now, last));
        }

        return log[log.Count - 1].Id;
    }

    private int Append(RowContext context, string action, EntityKey entity, string? attribute, EventPayload payload, int room)
    {
        if (room <= 0)
        {
            return 0;
        }

        var strings = site.Events.Strings;
        return AppendRow(context, strings.Intern($"Shotgun_{entity.Type}_{action}"), strings.Intern(attribute), entity, payload);
    }

    private int AppendCustom(RowContext context, string eventType, EntityKey? entity, EventPayload payload, int room) =>
        room <= 0 ? 0 : AppendRow(context, site.Events.Strings.Intern(eventType), -1, entity, payload);

    private int AppendRow(RowContext context, int eventType, int attribute, EntityKey? entity, EventPayload payload)
    {
        var log = site.Events;
        var row = new EventRow
        {
            Id = log.NextId,
            EventType = eventType,
            Attribute = attribute,
            EntityType = log.Strings.Intern(entity?.Type),
            EntityId = entity?.Id ?? 0,
            UserType = context.UserType,
            UserId = context.UserId,
            ProjectId = context.ProjectId,
            Session = context.Session,
            CreatedAt = context.CreatedAt,
            Payload = payload,
        };
        log.Append(row, 0);
        return 1;
    }
}
