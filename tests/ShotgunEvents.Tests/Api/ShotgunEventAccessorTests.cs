using ShotgunEvents.Api;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Api;

/// <summary>
/// The typed accessors of <see cref="ShotgunEvent"/> on real rows of every shape the emulator writes (creation,
/// in-create changes, field and link changes, multi-entity added/removed, retirement, revival), read the way the
/// engine reads them.
/// </summary>
public sealed class ShotgunEventAccessorTests : IAsyncLifetime
{
    private static readonly string[] Fields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    private EmulatorSite _site = null!;
    private EntityRef _project = null!;

    private IShotgun Sg => _site.Client;

    public async Task InitializeAsync()
    {
        _site = await EmulatorSite.StartAsync();
        _project = (await Sg.CreateAsync("Project", new { name = "Accessors" })).ToRef();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Creation_NewAndInCreateChanges_ReadAsCreation()
    {
        var before = _site.Server.Store.LatestEventId;

        var shot = await Sg.CreateAsync("Shot", new { code = "sh010", project = _project, sg_cut_in = 1001 });

        var events = await EventsAfterAsync(before);
        var created = Assert.Single(events, e => e.EventType == "Shotgun_Shot_New");
        Assert.Equal(shot.Id, created.EntityId);
        Assert.False(created.InCreate);
        Assert.Empty(created.Added);
        Assert.Null(created.NewValue<string>());
        var code = Assert.Single(events, e => e.AttributeName == "code");
        Assert.True(code.InCreate);
        Assert.Equal("sh010", code.NewValue<string>());
        Assert.Null(code.OldValue<string>());
        Assert.True(code.ValueChangedTo("sh010"));
        Assert.False(code.Meta["old_value"].IsTruthy());
        var cutIn = Assert.Single(events, e => e.AttributeName == "sg_cut_in");
        Assert.Equal(1001, cutIn.NewValue<int>());
        Assert.Equal(1001, cutIn.NewValue<int?>());
        Assert.Null(cutIn.OldValue<int?>());
        Assert.Equal(0, cutIn.OldValue<int>());
    }

    [Fact]
    public async Task StatusChange_ReadsOldAndNewAndChangedTo()
    {
        var shot = await Sg.CreateAsync("Shot", new { code = "sh020", project = _project, sg_status_list = "wtg" });
        var before = _site.Server.Store.LatestEventId;

        await Sg.UpdateAsync("Shot", shot.Id, new { sg_status_list = "ip" });

        var change = Assert.Single(await EventsAfterAsync(before));
        Assert.False(change.InCreate);
        Assert.Equal("wtg", change.OldValue<string>());
        Assert.Equal("ip", change.NewValue<string>());
        Assert.True(change.ValueChangedTo("ip"));
        Assert.True(change.ValueChangedTo("rev", "ip"));
        Assert.False(change.ValueChangedTo("IP"));
        Assert.True(change.ValueChangedFrom("wtg"));
        Assert.True(change.Meta["new_value"].IsTruthy());
        Assert.Equal(shot.Id, change.EntityId);
        var wrongType = Assert.Throws<FormatException>(() => change.NewValue<int>());
        Assert.Contains("meta.new_value cannot be read as Int32: \"ip\"", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkChange_NewValueIsAnEntityRefEqualToTheBareLink()
    {
        var sequence = (await Sg.CreateAsync("Sequence", new { code = "seq01", project = _project })).ToRef();
        var shot = await Sg.CreateAsync("Shot", new { code = "sh030", project = _project });
        var before = _site.Server.Store.LatestEventId;

        await Sg.UpdateAsync("Shot", shot.Id, new { sg_sequence = sequence });

        var change = Assert.Single(await EventsAfterAsync(before));
        var link = change.NewValue<EntityRef>();
        Assert.Equal(new EntityRef("Sequence", sequence.Id), link);
        Assert.Equal("seq01", link!.Name);
        Assert.Null(change.OldValue<EntityRef>());
        Assert.False(change.ValueChangedTo("seq01"));
        Assert.Throws<FormatException>(() => change.NewValue<DateTimeOffset>());
    }

    [Fact]
    public async Task MultiEntityChange_AddedAndRemovedAreLinks()
    {
        var tree = (await Sg.CreateAsync("Asset", new { code = "tree", project = _project })).ToRef();
        var rock = (await Sg.CreateAsync("Asset", new { code = "rock", project = _project })).ToRef();
        var bush = (await Sg.CreateAsync("Asset", new { code = "bush", project = _project })).ToRef();
        var shot = await Sg.CreateAsync("Shot", new { code = "sh040", project = _project, assets = new[] { tree } });
        var before = _site.Server.Store.LatestEventId;

        await Sg.UpdateAsync("Shot", shot.Id, new { assets = new[] { rock, bush } });

        var change = Assert.Single(await EventsAfterAsync(before));
        Assert.Equal([rock, bush], change.Added);
        Assert.Equal([tree], change.Removed);
        Assert.Contains(new EntityRef("Asset", bush.Id), change.Added);
        Assert.Equal("bush", change.Added[1].Name);
        Assert.True(change.Meta["added"].IsTruthy());
        Assert.Null(change.NewValue<string>());
    }

    [Fact]
    public async Task RetirementAndRevival_EntityIdSurvivesTheRetirement()
    {
        var shot = await Sg.CreateAsync("Shot", new { code = "sh050", project = _project });
        var before = _site.Server.Store.LatestEventId;

        await Sg.DeleteAsync("Shot", shot.Id);
        var retirement = Assert.Single(await EventsAfterAsync(before), e => e.EventType == "Shotgun_Shot_Retirement");
        var afterRetirement = _site.Server.Store.LatestEventId;
        await Sg.ReviveAsync("Shot", shot.Id);
        var revival = Assert.Single(await EventsAfterAsync(afterRetirement), e => e.EventType == "Shotgun_Shot_Revival");

        Assert.Null(retirement.AttributeName);
        Assert.Equal(shot.Id, retirement.EntityId);
        Assert.Equal(shot.Id, revival.EntityId);
        Assert.Equal(new EntityRef("Shot", shot.Id), revival.Entity);
        Assert.False(retirement.InCreate);
        Assert.Empty(revival.Removed);
    }

    [Fact]
    public async Task RetiredEntity_ReadLater_EntityIsNullButEntityIdIsNot()
    {
        var shot = await Sg.CreateAsync("Shot", new { code = "sh060", project = _project });
        var before = _site.Server.Store.LatestEventId;
        await Sg.UpdateAsync("Shot", shot.Id, new { description = "gone soon" });
        await Sg.DeleteAsync("Shot", shot.Id);

        var change = Assert.Single(await EventsAfterAsync(before), e => e.AttributeName == "description");

        Assert.Null(change.Entity);
        Assert.Equal(shot.Id, change.EntityId);
        Assert.Equal("gone soon", change.NewValue<string>());
    }

    private async Task<IReadOnlyList<ShotgunEvent>> EventsAfterAsync(long id) =>
        await _site.Client.ReadEventsAsync(Filter.GreaterThan("id", id), Fields,
            new FindOptions { Order = [SortOrder.Asc("id")] }, CancellationToken.None);
}
