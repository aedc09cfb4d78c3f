using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>Writes against the emulator over loopback, and what they stamp on the generated events.</summary>
public sealed class ShotgunClientWriteTests : IAsyncLifetime
{
    private EmulatorSite _site = null!;
    private EntityRef _project = null!;

    public async Task InitializeAsync()
    {
        _site = await EmulatorSite.StartAsync();
        _project = (await _site.Client.CreateAsync("Project", new { name = "Writes" })).ToRef();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task CreateAsync_ReturnsTheSentFieldsPlusTheReturnFields()
    {
        var shot = await _site.Client.CreateAsync("Shot", new { code = "sh010", project = _project, sg_cut_in = 1001 }, "sg_status_list");

        Assert.Equal("Shot", shot.Type);
        Assert.True(shot.Id > 0);
        Assert.Equal("sh010", shot.Get<string>("code"));
        Assert.Equal(1001, shot.Get<int>("sg_cut_in"));
        Assert.Equal(_project.Id, shot.GetRef("project")!.Id);
        Assert.Equal("wtg", shot.Get<string>("sg_status_list"));
        var stored = _site.Server.Store.Find("Shot", shot.Id)!;
        Assert.Equal("sh010", stored.Value<string>("code"));
    }

    [Fact]
    public async Task CreateAsync_Dictionary_UsesTheInterfaceMethod()
    {
        IShotgun sg = _site.Client;

        var note = await sg.CreateAsync("Note", new Dictionary<string, object?> { ["subject"] = "a < b", ["project"] = _project });

        Assert.Equal("a < b", note.Get<string>("subject"));
    }

    [Fact]
    public async Task UpdateAsync_MultiEntityModes_SetAddAndRemove()
    {
        var sg = _site.Client;
        var a = (await sg.CreateAsync("Asset", new { code = "a", project = _project })).ToRef();
        var b = (await sg.CreateAsync("Asset", new { code = "b", project = _project })).ToRef();
        var shot = await sg.CreateAsync("Shot", new { code = "sh_me", project = _project, assets = new[] { a } });

        var added = await sg.UpdateAsync("Shot", shot.Id, new { assets = new[] { b } },
            new Dictionary<string, MultiEntityUpdateMode> { ["assets"] = MultiEntityUpdateMode.Add });
        var removed = await sg.UpdateAsync("Shot", shot.Id, new { assets = new[] { a } },
            new Dictionary<string, MultiEntityUpdateMode> { ["assets"] = MultiEntityUpdateMode.Remove });
        var set = await sg.UpdateAsync("Shot", shot.Id, new { assets = new[] { a, b }, code = "sh_me2" });

        Assert.Equal([a.Id, b.Id], added.GetRefs("assets").Select(r => r.Id));
        Assert.Equal([b.Id], removed.GetRefs("assets").Select(r => r.Id));
        Assert.Equal([a.Id, b.Id], set.GetRefs("assets").Select(r => r.Id));
        Assert.Equal("sh_me2", set.Get<string>("code"));
        Assert.Equal(shot.Id, set.Id);
    }

    [Fact]
    public async Task DeleteAndRevive_ReturnWhetherSomethingChanged()
    {
        var sg = _site.Client;
        var shot = await sg.CreateAsync("Shot", new { code = "sh_del", project = _project });

        Assert.True(await sg.DeleteAsync("Shot", shot.Id));
        Assert.False(await sg.DeleteAsync("Shot", shot.Id));
        Assert.True(await sg.ReviveAsync("Shot", shot.Id));
        Assert.False(await sg.ReviveAsync("Shot", shot.Id));
        Assert.NotNull(await sg.FindOneAsync("Shot", Filter.Is("id", shot.Id)));
    }

    [Fact]
    public async Task DeleteAsync_UnknownId_IsAFault()
    {
        var ex = await Assert.ThrowsAsync<ShotgunFault>(() => _site.Client.DeleteAsync("Shot", 987654));

        Assert.Equal("delete", ex.Method);
    }

    [Fact]
    public async Task BatchAsync_CreateUpdateDelete_RunsInOrderAndReturnsEachResult()
    {
        var sg = _site.Client;
        var existing = await sg.CreateAsync("Shot", new { code = "sh_b1", project = _project });
        var doomed = await sg.CreateAsync("Shot", new { code = "sh_b2", project = _project });

        var results = await sg.BatchAsync(
            BatchRequest.Create("Shot", new { code = "sh_b3", project = _project }, "sg_status_list"),
            BatchRequest.Update("Shot", existing.Id, new { sg_status_list = "ip" }),
            BatchRequest.Delete("Shot", doomed.Id));

        Assert.Equal("sh_b3", results[0].Value<string>("code"));
        Assert.Equal("wtg", results[0].Value<string>("sg_status_list"));
        Assert.Equal("ip", results[1].Value<string>("sg_status_list"));
        Assert.True(results[2].Value<bool>());
        Assert.Null(await sg.FindOneAsync("Shot", Filter.Is("id", doomed.Id)));
    }

    [Fact]
    public async Task BatchAsync_OneBadRequest_NothingHappens()
    {
        var sg = _site.Client;

        var ex = await Assert.ThrowsAsync<ShotgunFault>(() => sg.BatchAsync(
            BatchRequest.Create("Shot", new { code = "sh_never", project = _project }),
            BatchRequest.Update("Shot", 987654, new { code = "x" })));

        Assert.Equal("batch", ex.Method);
        Assert.Null(await sg.FindOneAsync("Shot", Filter.Is("code", "sh_never")));
    }

    [Fact]
    public async Task SessionUuid_IsStampedOnEveryEventOfThatConnectionOnly()
    {
        var session = "5a1d49b0-0c69-11e0-a24c-003048d17544";
        var stamped = _site.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, EmulatorSite.ScriptKey));
        stamped.SessionUuid = session;
        var plain = _site.Client;

        var shot = await stamped.CreateAsync("Shot", new { code = "sh_sess", project = _project });
        await stamped.UpdateAsync("Shot", shot.Id, new { sg_status_list = "ip" });
        await plain.UpdateAsync("Shot", shot.Id, new { sg_status_list = "fin" });

        var events = await plain.FindAsync("EventLogEntry", Filter.Is("entity", shot), ["event_type", "attribute_name", "session_uuid", "user", "meta"]);
        var mine = events.Where(e => e.Get<string>("session_uuid") == session).ToArray();
        Assert.Contains(mine, e => e.Get<string>("event_type") == "Shotgun_Shot_New");
        Assert.Contains(mine, e => e.Get<string>("attribute_name") == "sg_status_list" && NewValue(e) == "ip");
        var other = Assert.Single(events, e => NewValue(e) == "fin");
        Assert.Null(other.Get<string>("session_uuid"));
        Assert.All(events, e => Assert.Equal("ApiUser", e.GetRef("user")!.Type));
    }

    [Fact]
    public async Task SudoAsLogin_EventsNameThePersonAndTheActualScript()
    {
        _site.Server.Store.AddHumanUser("jane", "Jane Doe", "jane-pw");
        var sudo = _site.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, EmulatorSite.ScriptKey));
        sudo.SudoAsLogin = "jane";

        var shot = await sudo.CreateAsync("Shot", new { code = "sh_sudo", project = _project });

        var created = await _site.Client.FindOneAsync("EventLogEntry",
            Filter.All(Filter.Is("entity", shot), Filter.Is("event_type", "Shotgun_Shot_New")), "user", "meta");
        Assert.Equal(new EntityRef("HumanUser", created!.GetRef("user")!.Id, "Jane Doe"), created.GetRef("user"));
        Assert.Equal("ApiUser", EntityRef.FromToken(created["meta"]!["sudo_actual_user"])!.Type);
    }

    [Fact]
    public async Task UserCredentials_LogInWithLoginAndPassword()
    {
        _site.Server.Store.AddHumanUser("bob", "Bob Smith", "bob-pw");
        var bob = _site.Connect(ShotgunCredentials.User("bob", "bob-pw"));

        var shot = await bob.CreateAsync("Shot", new { code = "sh_bob", project = _project }, "created_by");

        Assert.Equal("HumanUser", shot.GetRef("created_by")!.Type);
    }

    [Fact]
    public async Task Writes_AfterA503_HappenOnce()
    {
        var before = await _site.WarmUpAsync();
        _site.Faults.FailNext(1, 503);

        var shot = await _site.Client.CreateAsync("Shot", new { code = "sh_once", project = _project });

        Assert.Equal(2, _site.Faults.CallCount - before);
        Assert.Equal([shot.Id], (await _site.Client.FindAsync("Shot", Filter.Is("code", "sh_once"))).Select(e => e.Id));
    }

    private static string? NewValue(Entity e) => (e["meta"]?["new_value"] as JValue)?.Value as string;
}
