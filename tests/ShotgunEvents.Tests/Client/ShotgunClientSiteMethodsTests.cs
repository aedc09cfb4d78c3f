using System.Text;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>
/// The site methods beyond find/create/update (follow, upload, share, download, note threads, search, activity, work
/// schedule, preferences, sudo, any method) through <see cref="IShotgun"/>, against the emulator over loopback.
/// </summary>
public sealed class ShotgunClientSiteMethodsTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Movie = Encoding.UTF8.GetBytes("not a quicktime, bytes all the same \u00e9");
    private readonly string _dir = Directory.CreateTempSubdirectory("sge-site-methods-").FullName;
    private EmulatorSite _site = null!;
    private EntityRef _project = null!;
    private EntityRef _jane = null!;

    private IShotgun Sg => _site.Client;

    public async Task InitializeAsync()
    {
        // Thumbnails final at once: what is tested here is the client's part; the site's transient phase has its own tests.
        _site = await EmulatorSite.StartAsync(thumbnailProcessing: TimeSpan.Zero);
        _project = (await Sg.CreateAsync("Project", new { name = "Bunny" })).ToRef();
        _jane = (await Sg.CreateAsync("HumanUser", new { login = "jane", name = "Jane Doe" })).ToRef();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task FollowAsync_ThenFollowersFollowingAndUnfollow_SeeTheFollow()
    {
        var shot = (await Sg.CreateAsync("Shot", new { code = "bunny_010", project = _project })).ToRef();

        var followed = await Sg.FollowAsync(_jane, shot);
        var followers = await Sg.FollowersAsync(shot);
        var following = await Sg.FollowingAsync(_jane);
        var followingAssets = await Sg.FollowingAsync(_jane, _project, "Asset");
        var unfollowed = await Sg.UnfollowAsync(_jane, shot);

        Assert.True(followed.Value<bool>("followed"));
        Assert.Equal(_jane, Assert.Single(followers).ToRef());
        Assert.Equal("Jane Doe", followers[0].Get<string>("name"));
        Assert.Equal(shot, Assert.Single(following).ToRef());
        Assert.Empty(followingAssets);
        Assert.True(unfollowed.Value<bool>("unfollowed"));
        Assert.Empty(await Sg.FollowersAsync(shot));
    }

    [Fact]
    public async Task UploadAsync_ToAFileField_LinksAnAttachmentThatDownloadsBack()
    {
        var version = (await Sg.CreateAsync("Version", new { code = "v001", project = _project })).ToRef();
        var path = Write("v001.mov", Movie);

        var attachment = await Sg.UploadAsync("Version", version.Id, path, "sg_uploaded_movie", "Latest QT", "review,client");

        var movie = (await Sg.FindOneAsync("Version", Filter.Is("id", version.Id), "sg_uploaded_movie"))!["sg_uploaded_movie"];
        Assert.Equal(attachment, movie!.Value<int>("id"));
        Assert.Equal("Latest QT", movie.Value<string>("name"));
        Assert.Equal(Movie, await Sg.DownloadAttachmentAsync(movie));
        Assert.Equal(Movie, await Sg.DownloadAttachmentAsync(attachment));
        var copy = Path.Combine(_dir, "copy.mov");
        Assert.Equal(copy, await Sg.DownloadAttachmentAsync(movie, copy));
        Assert.Equal(Movie, await File.ReadAllBytesAsync(copy));
        Assert.False(File.Exists(copy + ".part"));
        Assert.Equal(new Uri(_site.Server.BaseUri, $"file_serve/attachment/{attachment}").ToString(), await Sg.GetAttachmentDownloadUrlAsync(attachment));
        Assert.Equal(movie.Value<string>("url"), await Sg.GetAttachmentDownloadUrlAsync(movie));
        Assert.Null(await Sg.DownloadAttachmentAsync((JToken?)null));
        var row = await Sg.FindOneAsync("Attachment", Filter.Is("id", attachment), "tag_list", "attachment_links");
        Assert.Equal(["review", "client"], row!.Get<string[]>("tag_list")!);
        Assert.Equal(version, Assert.Single(row.GetRefs("attachment_links")));
    }

    [Fact]
    public async Task DownloadAttachmentAsync_NoSuchAttachment_RaisesTheStatusAndAHint()
    {
        var error = await Assert.ThrowsAsync<ProtocolError>(() => Sg.DownloadAttachmentAsync(987654));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("may not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_LargerThanOnePart_GoesInPartsAndArrivesWhole()
    {
        var shot = (await Sg.CreateAsync("Shot", new { code = "big", project = _project })).ToRef();
        var bytes = new byte[20_000_000 + 4321];
        new Random(7).NextBytes(bytes);
        var path = Write("big.bin", bytes);

        var attachment = await Sg.UploadAsync("Shot", shot.Id, path);

        Assert.Equal(bytes, await Sg.DownloadAttachmentAsync(attachment));
    }

    [Fact]
    public async Task UploadThumbnailAsync_AndFilmstrip_SetTheImageFields()
    {
        var version = (await Sg.CreateAsync("Version", new { code = "v002", project = _project })).ToRef();
        var still = Write("still.png", Movie);

        var thumbnail = await Sg.UploadThumbnailAsync("Version", version.Id, still);
        var filmstrip = await Sg.UploadFilmstripThumbnailAsync("Version", version.Id, still);

        var read = (await Sg.FindOneAsync("Version", Filter.Is("id", version.Id), "image", "filmstrip_image"))!;
        Assert.NotEqual(thumbnail, filmstrip);
        Assert.EndsWith("/still.png", read.Get<string>("image"), StringComparison.Ordinal);
        Assert.EndsWith("/still.png", read.Get<string>("filmstrip_image"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShareThumbnailAsync_FromAFileAndFromAnEntity_GivesEveryEntityTheThumbnail()
    {
        var versions = new List<EntityRef>();
        for (var i = 0; i < 4; i++)
        {
            versions.Add((await Sg.CreateAsync("Version", new { code = $"share{i}", project = _project })).ToRef());
        }

        var uploaded = await Sg.ShareThumbnailAsync([versions[0], versions[1]], thumbnailPath: Write("share.png", Movie));
        var shared = await Sg.ShareThumbnailAsync([versions[2], versions[3]], sourceEntity: versions[0]);

        Assert.NotNull(uploaded);
        Assert.NotNull(shared);
        var images = await Sg.FindAsync("Version", Filter.In("id", [.. versions.Select(v => (object)v.Id)]), "image");
        Assert.All(images, v => Assert.EndsWith("/share.png", v.Get<string>("image"), StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => Sg.ShareThumbnailAsync([versions[0]]));
    }

    [Fact]
    public async Task NoteThreadReadAsync_ListsTheNoteAndItsReplies()
    {
        var note = (await Sg.CreateAsync("Note", new { subject = "fog", content = "More fog.", project = _project })).ToRef();
        var reply = (await Sg.CreateAsync("Reply", new { content = "Added fog.", entity = note, user = _jane })).ToRef();

        var thread = await Sg.NoteThreadReadAsync(note.Id, new Dictionary<string, string[]> { ["Reply"] = ["content"] });

        Assert.Contains(thread, r => r.ToRef() == note);
        Assert.Equal("Added fog.", Assert.Single(thread, r => r.ToRef() == reply).Get<string>("content"));
    }

    [Fact]
    public async Task TextSearchAsync_FindsByNameWithinTheTypesAndProjects()
    {
        var shot = (await Sg.CreateAsync("Shot", new { code = "bunny_040_0010", project = _project })).ToRef();
        await Sg.CreateAsync("Asset", new { code = "bunny_prop", project = _project });

        var result = await Sg.TextSearchAsync("bunny_040", new Dictionary<string, Filter?> { ["Shot"] = null, ["Asset"] = Filter.Is("code", "nothing") },
            [_project.Id], limit: 10);

        var match = (JObject)Assert.Single((JArray)result["matches"]!);
        Assert.Equal(shot.Id, match.Value<int>("id"));
        Assert.Equal(["bunny_040"], result["terms"]!.Select(t => t.Value<string>()));
    }

    [Fact]
    public async Task ActivityStreamReadAsync_ListsTheEntitysUpdates()
    {
        var shot = (await Sg.CreateAsync("Shot", new { code = "bunny_050", project = _project })).ToRef();
        await Sg.UpdateAsync("Shot", shot.Id, new { description = "wide" });

        var stream = await Sg.ActivityStreamReadAsync("Shot", shot.Id, limit: 5);

        Assert.Equal("Shot", stream.Value<string>("entity_type"));
        Assert.Equal(shot.Id, stream.Value<int>("entity_id"));
        Assert.NotEmpty((JArray)stream["updates"]!);
    }

    [Fact]
    public async Task SchemaEntityReadAsync_NamesEveryType()
    {
        var types = await Sg.SchemaEntityReadAsync();

        Assert.Equal("Shot", types["Shot"]!["name"]!.Value<string>("value"));
    }

    [Fact]
    public async Task WorkScheduleUpdateAsync_ThenRead_ShowsTheDayOff()
    {
        var day = new DateOnly(2025, 12, 24);

        var stored = await Sg.WorkScheduleUpdateAsync(day, working: false, description: "Closed", project: _project);
        var read = await Sg.WorkScheduleReadAsync(day.AddDays(-1), day, project: _project);

        Assert.Equal("2025-12-24", stored.Value<string>("date"));
        Assert.False(read["2025-12-24"]!.Value<bool>("working"));
        Assert.Equal("Closed", read["2025-12-24"]!.Value<string>("description"));
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task PreferencesReadAsync_Named_AnswersThoseOnly()
    {
        var prefs = await Sg.PreferencesReadAsync(["date_component_order"]);

        Assert.Equal("month_day", prefs.Value<string>("date_component_order"));
        Assert.Single(prefs);
    }

    [Fact]
    public async Task AsUser_Writes_AreLoggedAsThatUserWithTheSharedSession()
    {
        var shot = (await Sg.CreateAsync("Shot", new { code = "sudo", project = _project })).ToRef();
        var before = _site.Server.Store.LatestEventId;
        var sg = _site.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, EmulatorSite.ScriptKey));
        var jane = sg.AsUser("jane");

        sg.SessionUuid = "5a1d49b0-0c69-11e0-a24c-003048d17544";
        await jane.UpdateAsync("Shot", shot.Id, new { description = "by jane" });

        var change = Assert.Single(await EventsAfterAsync(before));
        Assert.Equal(_jane, EntityRef.FromToken(change["user"]));
        Assert.Equal("ApiUser", change["meta"]!["sudo_actual_user"]!.Value<string>("type"));
        Assert.Equal("5a1d49b0-0c69-11e0-a24c-003048d17544", change.Value<string>("session_uuid"));
        Assert.Equal(sg.SessionUuid, jane.SessionUuid);
    }

    [Fact]
    public async Task CallMethodAsync_AnyMethod_AnswersItsResults()
    {
        var subscriptions = await Sg.CallMethodAsync("user_subscriptions_read", null);

        Assert.Equal(JTokenType.Array, subscriptions.Type);
        await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("no_such_method", null));
    }

    [Fact]
    public async Task FindAsync_FieldNotAskedFor_ThrowsNamingIt()
    {
        await Sg.CreateAsync("Shot", new { code = "asked", project = _project });

        var shot = (await Sg.FindOneAsync("Shot", Filter.Is("code", "asked"), "code", "sg_status_list"))!;

        Assert.Equal("asked", shot["code"]!.Value<string>());
        var error = Assert.Throws<KeyNotFoundException>(() => shot.Get<string>("description"));
        Assert.Contains("'description' was not among them", error.Message, StringComparison.Ordinal);
        Assert.Contains("[code, sg_status_list]", error.Message, StringComparison.Ordinal);
        Assert.Null(shot.Raw["description"]);
        Assert.False(shot.Has("description"));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task<IReadOnlyList<JObject>> EventsAfterAsync(long id) =>
        [.. (await Sg.FindAsync("EventLogEntry", Filter.GreaterThan("id", id), "user", "meta", "session_uuid", "event_type"))
            .Select(e => e.Raw)];
}
