using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Seeding;

/// <summary>
/// The live rows bulk-seeded events point at, so their links resolve like real ones. When the site has too few, a
/// small project is created first (without events: it is the backdrop, not the history).
/// </summary>
internal sealed class SeedPool
{
    private SeedPool()
    {
    }

    public int ProjectId { get; private init; }

    public IReadOnlyList<EntityKey> Changeable { get; private init; } = [];

    public IReadOnlyList<int> Tasks { get; private init; } = [];

    public IReadOnlyList<EntityKey> RetiredShots { get; private init; } = [];

    public IReadOnlyList<EntityKey> Humans { get; private init; } = [];

    public IReadOnlyList<EntityKey> Scripts { get; private init; } = [];

    public static SeedPool Build(SiteData site)
    {
        if (Live(site, "Shot").Count < 5 || Live(site, "Task").Count < 5 || Live(site, "HumanUser").Count < 2)
        {
            CreateBackdrop(site);
        }

        if (RetiredRows(site, "Shot").Count == 0)
        {
            CreateRetiredShots(site);
        }

        var project = Live(site, "Project").FirstOrDefault();
        return new SeedPool
        {
            ProjectId = project?.Id ?? 0,
            Changeable = [.. new[] { "Shot", "Asset", "Task", "Version" }.SelectMany(t => Live(site, t)).Select(r => r.Key)],
            Tasks = [.. Live(site, "Task").Select(r => r.Id)],
            RetiredShots = [.. RetiredRows(site, "Shot").Select(r => r.Key)],
            Humans = [.. Live(site, "HumanUser").Select(r => r.Key)],
            Scripts = [.. Live(site, "ApiUser").Select(r => r.Key)],
        };
    }

    private static List<EntityRecord> Live(SiteData site, string type) => [.. site.Table(type).Records.Values.Where(r => !r.Retired)];

    private static List<EntityRecord> RetiredRows(SiteData site, string type) => [.. site.Table(type).Records.Values.Where(r => r.Retired)];

    private static void CreateBackdrop(SiteData site)
    {
        var writer = new EntityWriter(site);
        var quiet = Actor.Anonymous(null) with { LogsEvents = false };
        var tx = new WriteTransaction();
        var project = writer.Create(site.Schema.GetEntity("Project", "create"), [new("name", "Seed Project"), new("tank_name", "seed")], quiet, tx);
        var projectLink = new JObject { ["type"] = "Project", ["id"] = project.Id };
        var people = new[] { "Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Ken Thompson" };
        foreach (var person in people)
        {
            var login = person.ToLowerInvariant().Replace(' ', '.');
            writer.Create(site.Schema.GetEntity("HumanUser", "create"), [new("name", person), new("login", $"seed.{login}")], quiet, tx);
        }

        if (Live(site, "ApiUser").Count == 0)
        {
            writer.Create(site.Schema.GetEntity("ApiUser", "create"), [new("firstname", "seed_pipeline"), new("lastname", "1.0")], quiet, tx);
        }

        for (var s = 1; s <= 20; s++)
        {
            var shot = writer.Create(site.Schema.GetEntity("Shot", "create"), [new("code", $"seed_{s / 10 + 1:000}_{s % 10 * 10 + 10:0000}"), new("project", projectLink)], quiet, tx);
            foreach (var step in new[] { "Layout", "Anim", "Light", "Comp" })
            {
                writer.Create(site.Schema.GetEntity("Task", "create"),
                    [new("content", step), new("project", projectLink), new("entity", new JObject { ["type"] = "Shot", ["id"] = shot.Id })], quiet, tx);
            }

            writer.Create(site.Schema.GetEntity("Version", "create"),
                [new("code", $"{shot.Stored("code")}_anim_v001"), new("project", projectLink), new("entity", new JObject { ["type"] = "Shot", ["id"] = shot.Id })], quiet, tx);
        }

        foreach (var asset in new[] { "Hero", "Sidekick", "Castle", "Forest", "Sword" })
        {
            writer.Create(site.Schema.GetEntity("Asset", "create"), [new("code", asset), new("project", projectLink)], quiet, tx);
        }
    }

    private static void CreateRetiredShots(SiteData site)
    {
        var writer = new EntityWriter(site);
        var quiet = Actor.Anonymous(null) with { LogsEvents = false };
        var tx = new WriteTransaction();
        var project = Live(site, "Project").FirstOrDefault();
        for (var i = 1; i <= 5; i++)
        {
            List<FieldAssignment> fields = [new("code", $"omitted_{i:0000}")];
            if (project is not null)
            {
                fields.Add(new("project", new JObject { ["type"] = "Project", ["id"] = project.Id }));
            }

            var shot = writer.Create(site.Schema.GetEntity("Shot", "create"), fields, quiet, tx);
            writer.Delete(shot.Schema, shot.Id, quiet, tx);
        }
    }
}
