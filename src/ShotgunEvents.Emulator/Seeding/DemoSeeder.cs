using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Seeding;

/// <summary>
/// Builds the demo studio through the normal write path (so its history is in the event log): the project "Big Buck
/// Bunny", seven people, two groups, pipeline steps, three sequences of four shots, six assets, their tasks, a first
/// animation version per shot with its publish, a few notes, a dailies playlist, and the demo pipeline script.
/// </summary>
internal sealed class DemoSeeder(EmulatorStore store)
{
    public static readonly (string Login, string Name, string Department)[] People =
    [
        (DemoCredentials.CoordinatorLogin, "Jane Doe", "Production"),
        ("ben.ortiz", "Ben Ortiz", "Animation"),
        ("mei.tanaka", "Mei Tanaka", "Lighting"),
        ("sam.okafor", "Sam Okafor", "Compositing"),
        ("lena.fischer", "Lena Fischer", "Modeling"),
        ("raj.patel", "Raj Patel", "Rigging"),
        ("tom.baker", "Tom Baker", "Layout"),
    ];

    private static readonly (string Code, string Type)[] Assets =
        [("Buck", "Character"), ("Bunny", "Character"), ("Squirrel", "Character"), ("Big Tree", "Environment"), ("Meadow", "Environment"), ("Apple", "Prop")];

    private static readonly (string Code, string Short, string Type, string Department)[] Steps =
    [
        ("Layout", "LAY", "Shot", "tom.baker"), ("Animation", "ANM", "Shot", "ben.ortiz"), ("Lighting", "LGT", "Shot", "mei.tanaka"),
        ("Comp", "CMP", "Shot", "sam.okafor"), ("Model", "MOD", "Asset", "lena.fischer"), ("Rig", "RIG", "Asset", "raj.patel"),
        ("Surface", "SRF", "Asset", "lena.fischer"),
    ];

    private const string Script = DemoCredentials.ScriptName;

    public void Seed()
    {
        store.AddScriptUser(Script, DemoCredentials.ScriptKey);
        // On a site, a person's department is a Department row, not a list value.
        var departments = People.Select(p => p.Department).Distinct(StringComparer.Ordinal)
            .ToDictionary(d => d, d => Link(Create("Department", new JObject { ["code"] = d, ["name"] = d })), StringComparer.Ordinal);
        var users = new Dictionary<string, JObject>(StringComparer.Ordinal);
        foreach (var (login, name, department) in People)
        {
            var parts = name.Split(' ', 2);
            users[login] = Link(Create("HumanUser", new JObject
            {
                ["login"] = login,
                ["name"] = name,
                ["firstname"] = parts[0],
                ["lastname"] = parts[1],
                ["email"] = $"{login}@bunny.example",
                ["department"] = departments[department],
                ["password_proxy"] = DemoCredentials.UserPassword,
            }));
        }

        var project = Link(Create("Project", new JObject
        {
            ["name"] = "Big Buck Bunny",
            ["tank_name"] = "bunny",
            ["sg_type"] = "Short",
            ["sg_status"] = "Active",
            ["sg_frame_rate"] = 24.0,
            ["users"] = new JArray(users.Values),
        }));
        Create("Group", new JObject { ["code"] = "Animators", ["users"] = new JArray(users["ben.ortiz"], users["tom.baker"]) });
        Create("Group", new JObject { ["code"] = "Lighting & Comp", ["users"] = new JArray(users["mei.tanaka"], users["sam.okafor"]) });

        var steps = new Dictionary<string, (JObject Step, JObject Artist, string Type)>(StringComparer.Ordinal);
        foreach (var (code, shortName, type, artist) in Steps)
        {
            var step = Create("Step", new JObject { ["code"] = code, ["short_name"] = shortName, ["entity_type"] = type, ["list_order"] = steps.Count + 1 });
            steps[code] = (Link(step), users[artist], type);
        }

        var fileTypes = new[] { "Maya Scene", "Alembic Cache", "Rendered Image" }
            .ToDictionary(t => t, t => Link(Create("PublishedFileType", new JObject { ["code"] = t })));

        var assets = Assets.Select(a => Link(Create("Asset", new JObject
        {
            ["code"] = a.Code,
            ["sg_asset_type"] = a.Type,
            ["project"] = project,
            ["description"] = $"The {a.Code.ToLowerInvariant()} of the meadow.",
        }))).ToList();
        foreach (var asset in assets)
        {
            foreach (var step in steps.Values.Where(s => s.Type == "Asset"))
            {
                Task(project, asset, step.Step, step.Artist);
            }
        }

        var versions = new List<JObject>();
        for (var sequenceNumber = 1; sequenceNumber <= 3; sequenceNumber++)
        {
            var sequenceCode = $"bunny_{sequenceNumber * 10:000}";
            var sequence = Link(Create("Sequence", new JObject { ["code"] = sequenceCode, ["project"] = project, ["sg_status_list"] = "ip" }));
            for (var shotNumber = 1; shotNumber <= 4; shotNumber++)
            {
                var cutIn = 1001;
                var cutOut = 1001 + (24 * (2 + ((sequenceNumber + shotNumber) % 4)));
                var shot = Link(Create("Shot", new JObject
                {
                    ["code"] = $"{sequenceCode}_{shotNumber * 10:0000}",
                    ["project"] = project,
                    ["sg_sequence"] = sequence,
                    ["sg_cut_in"] = cutIn,
                    ["sg_cut_out"] = cutOut,
                    ["sg_cut_duration"] = cutOut - cutIn + 1,
                    ["sg_cut_order"] = (sequenceNumber * 100) + shotNumber,
                    ["assets"] = new JArray(assets[(shotNumber - 1) % 3], assets[3 + (sequenceNumber % 3)]),
                    ["sg_status_list"] = shotNumber == 1 ? "ip" : "rdy",
                }));
                JObject? animTask = null;
                foreach (var (code, step) in steps.Where(s => s.Value.Type == "Shot"))
                {
                    var task = Task(project, shot, step.Step, step.Artist);
                    animTask = code == "Animation" ? task : animTask;
                }

                var version = Link(Create("Version", new JObject
                {
                    ["code"] = $"{shot["name"]}_anim_v001",
                    ["project"] = project,
                    ["entity"] = shot,
                    ["sg_task"] = animTask,
                    ["user"] = users["ben.ortiz"],
                    ["sg_first_frame"] = cutIn,
                    ["sg_last_frame"] = cutOut,
                    ["frame_count"] = cutOut - cutIn + 1,
                    ["frame_range"] = $"{cutIn}-{cutOut}",
                    ["sg_version_type"] = "Anim",
                    ["sg_path_to_movie"] = $"/mnt/projects/bunny/{shot["name"]}/anim/v001/{shot["name"]}_anim_v001.mov",
                }));
                versions.Add(version);
                Create("PublishedFile", new JObject
                {
                    ["code"] = $"{shot["name"]}_anim_v001.ma",
                    ["name"] = $"{shot["name"]}_anim.ma",
                    ["project"] = project,
                    ["entity"] = shot,
                    ["task"] = animTask,
                    ["version"] = version,
                    ["published_file_type"] = fileTypes["Maya Scene"],
                    ["version_number"] = 1,
                    ["path_cache"] = $"bunny/{shot["name"]}/anim/publish/{shot["name"]}_anim.v001.ma",
                    ["sg_status_list"] = "cmpt",
                });
            }
        }

        Create("Playlist", new JObject { ["code"] = "Dailies - Anim", ["project"] = project, ["versions"] = new JArray(versions.Take(4)) });
        foreach (var (version, text) in versions.Take(3).Zip(new[] { "Love the anticipation, push the ear follow-through.", "Feet slide on 1042-1050.", "Approved for lighting." }))
        {
            Create("Note", new JObject
            {
                ["subject"] = $"Dailies notes on {version["name"]}",
                ["content"] = text,
                ["project"] = project,
                ["user"] = users[DemoCredentials.CoordinatorLogin],
                ["note_links"] = new JArray(version),
                ["addressings_to"] = new JArray(users["ben.ortiz"]),
                ["sg_note_type"] = "Internal",
            });
        }
    }

    private JObject Task(JObject project, JObject entity, JObject step, JObject artist) => Link(Create("Task", new JObject
    {
        ["content"] = step["name"],
        ["project"] = project,
        ["entity"] = entity,
        ["step"] = step,
        ["task_assignees"] = new JArray(artist),
        ["est_in_mins"] = 60 * 8 * 3,
    }));

    private JObject Create(string type, JObject fields) => store.Create(type, fields, Script);

    private static JObject Link(JObject record) => new()
    {
        ["type"] = record["type"],
        ["id"] = record["id"],
        ["name"] = record["name"] ?? record["code"] ?? record["content"] ?? record["cached_display_name"],
    };
}
