using System.Globalization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Seeding;

/// <summary>
/// The demo studio at work: on a timer of the site's TimeProvider it makes a few realistic changes a second (task
/// status steps, new versions, reviews, notes, assignments, playlist additions) as the studio's people, each with
/// their browser session id, through the same write path as api3, so every change lands in the event log.
/// </summary>
internal sealed class ActivityGenerator(EmulatorStore store, TimeProvider time, double perSecond, ILogger logger) : IDisposable
{
    private static readonly string[] TaskFlow = ["wtg", "rdy", "ip", "rev", "fin"];
    private static readonly string[] Reviews = ["apr", "rej", "vwd"];

    private static readonly string[] NoteTexts =
    [
        "Push the pose at the top of the jump.", "Timing feels rushed in the middle, add 4 frames.", "Rim light is too hot on the ears.",
        "Great progress, ready for the client.", "Check the contact shadows under the feet.", "Camera shake is distracting, tone it down.",
    ];

    private readonly Lock _gate = new();
    private readonly Random _random = new(20_240_601);
    private readonly Dictionary<int, string> _sessions = [];
    private ITimer? _timer;
    private bool _disposed;

    public void Start()
    {
        var period = TimeSpan.FromSeconds(1 / perSecond);
        _timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    internal void Tick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                Step();
            }
            catch (Exception ex) when (ex is EmulatorException or ArgumentException or InvalidOperationException)
            {
                // A change that no longer fits (a row retired through the API meanwhile) is skipped; the next tick picks another.
                logger.LogDebug(ex, "Activity generator skipped a change");
            }
        }
    }

    private void Step()
    {
        var roll = _random.Next(100);
        // Each change reads and writes inside one write transaction: the rows it looks at cannot move under it.
        store.Write<int>(tx =>
        {
            var site = store.Site;
            var writer = store.Writer();
            if (roll < 35)
            {
                StepTask(site, writer, tx);
            }
            else if (roll < 50)
            {
                NewVersion(site, writer, tx);
            }
            else if (roll < 70)
            {
                ReviewVersion(site, writer, tx);
            }
            else if (roll < 82)
            {
                WriteNote(site, writer, tx);
            }
            else if (roll < 92)
            {
                Assign(site, writer, tx);
            }
            else
            {
                AddToPlaylist(site, writer, tx);
            }

            return () => 0;
        });
    }

    private void StepTask(SiteData site, EntityWriter writer, WriteTransaction tx)
    {
        var task = Pick(site, "Task");
        var status = (string?)task.Stored("sg_status_list") ?? "wtg";
        var next = TaskFlow[Math.Min(TaskFlow.Length - 1, Array.IndexOf(TaskFlow, status) + 1)];
        if (next == status)
        {
            next = "ip"; // a retake reopens finished work
        }

        writer.Update(task.Schema, task.Id, [new("sg_status_list", next)], ActorFor(Assignee(site, task)), tx);
    }

    private void NewVersion(SiteData site, EntityWriter writer, WriteTransaction tx)
    {
        var task = Pick(site, "Task", t => t.Stored("entity") is JObject link && (string?)link["type"] == "Shot");
        var shot = site.Find("Shot", (int)task.Stored("entity")!["id"]!);
        var step = task.Stored("step") is JObject stepLink ? site.Find("Step", (int)stepLink["id"]!) : null;
        var number = site.Table("Version").Records.Values.Count(v => v.Stored("sg_task") is JObject t && (int)t["id"]! == task.Id) + 1;
        var stepCode = ((string?)step?.Stored("short_name"))?.ToLowerInvariant() ?? "work";
        var code = string.Create(CultureInfo.InvariantCulture, $"{(shot is null ? "shot" : site.DisplayName(shot))}_{stepCode}_v{number:000}");
        var artist = Assignee(site, task);
        writer.Create(site.Schema.GetEntity("Version", "create"),
        [
            new("code", code),
            new("project", task.Stored("project")?.DeepClone()),
            new("entity", task.Stored("entity")?.DeepClone()),
            new("sg_task", new JObject { ["type"] = "Task", ["id"] = task.Id }),
            new("user", artist is { } a ? new JObject { ["type"] = a.Type, ["id"] = a.Id } : null),
            new("sg_status_list", "rev"),
            new("sg_path_to_movie", $"/mnt/projects/review/{code}.mov"),
        ], ActorFor(artist), tx);
    }

    private void ReviewVersion(SiteData site, EntityWriter writer, WriteTransaction tx)
    {
        var version = Pick(site, "Version", v => (string?)v.Stored("sg_status_list") == "rev");
        writer.Update(version.Schema, version.Id, [new("sg_status_list", Reviews[_random.Next(Reviews.Length)])], ActorFor(Coordinator(site)), tx);
    }

    private void WriteNote(SiteData site, EntityWriter writer, WriteTransaction tx)
    {
        var version = Pick(site, "Version");
        var author = Coordinator(site);
        var to = version.Stored("user") is JObject artist && site.FindLive((string)artist["type"]!, (int)artist["id"]!) is not null
            ? new JArray(artist.DeepClone())
            : new JArray();
        writer.Create(site.Schema.GetEntity("Note", "create"),
        [
            new("subject", $"Notes on {site.DisplayName(version)}"),
            new("content", NoteTexts[_random.Next(NoteTexts.Length)]),
            new("project", version.Stored("project")?.DeepClone()),
            new("user", author is { } a ? new JObject { ["type"] = a.Type, ["id"] = a.Id } : null),
            new("note_links", new JArray(new JObject { ["type"] = "Version", ["id"] = version.Id })),
            new("addressings_to", to),
            new("sg_note_type", "Internal"),
        ], ActorFor(author), tx);
    }

    private void Assign(SiteData site, EntityWriter writer, WriteTransaction tx)
    {
        var task = Pick(site, "Task");
        var person = Pick(site, "HumanUser");
        writer.Update(task.Schema, task.Id, [new("task_assignees", new JArray(new JObject { ["type"] = "HumanUser", ["id"] = person.Id }), "add")],
            ActorFor(Coordinator(site)), tx);
    }

    private void AddToPlaylist(SiteData site, EntityWriter writer, WriteTransaction tx)
    {
        var playlist = Pick(site, "Playlist");
        var version = Pick(site, "Version");
        writer.Update(playlist.Schema, playlist.Id, [new("versions", new JArray(new JObject { ["type"] = "Version", ["id"] = version.Id }), "add")],
            ActorFor(Coordinator(site)), tx);
    }

    private EntityRecord Pick(SiteData site, string type, Func<EntityRecord, bool>? where = null)
    {
        var candidates = site.Table(type).Records.Values.Where(r => !r.Retired && (where?.Invoke(r) ?? true)).ToList();
        return candidates.Count > 0
            ? candidates[_random.Next(candidates.Count)]
            : throw new InvalidOperationException($"No {type} to change yet.");
    }

    private EntityKey? Assignee(SiteData site, EntityRecord task) =>
        task.Stored("task_assignees") is JArray { Count: > 0 } people && (string?)people[0]["type"] == "HumanUser"
            && site.FindLive("HumanUser", (int)people[0]["id"]!) is { } person
            ? person.Key
            : Pick(site, "HumanUser").Key;

    private EntityKey? Coordinator(SiteData site) =>
        site.Table("HumanUser").Records.Values.FirstOrDefault(u => !u.Retired && (string?)u.Stored("login") == DemoCredentials.CoordinatorLogin)?.Key
        ?? Pick(site, "HumanUser").Key;

    /// <summary>A person acting in the browser: their events carry their session id, as web UI events do.</summary>
    private Actor ActorFor(EntityKey? user)
    {
        if (user is not { } key)
        {
            return Actor.Anonymous(null);
        }

        if (!_sessions.TryGetValue(key.Id, out var session))
        {
            var bytes = new byte[16];
            _random.NextBytes(bytes);
            session = new Guid(bytes).ToString();
            _sessions[key.Id] = session;
        }

        return new Actor(key, session, null, LogsEvents: true);
    }
}
