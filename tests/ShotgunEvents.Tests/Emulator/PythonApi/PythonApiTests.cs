using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// The official Python API (<c>shotgun_api3</c>) driven by scripted calls against the emulator over loopback: what a
/// studio's own tools do. Skipped, naming what is missing, without python3 or shotgun_api3.
/// </summary>
public sealed class PythonApiTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private DirectoryInfo _work = null!;

    public async Task InitializeAsync()
    {
        // The scripts read thumbnails right after uploading them: final at once here (the transient placeholder is
        // covered by UploadEndpointsTests and by the Python API's own suite).
        _site = await TestSite.StartAsync(thumbnailProcessing: TimeSpan.Zero);
        _work = Directory.CreateTempSubdirectory("sgev-pyapi");
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [PythonApiFact]
    public async Task Crud_CreateFindUpdateDeleteRevive_AnswerAsTheClientExpects()
    {
        var result = await PythonScript.RunAsync(_site, "crud.py", _work.FullName);

        var shot = (JObject)result["shot"]!;
        var id = (int)shot["id"]!;
        Assert.Equal("Shot", (string?)shot["type"]);
        Assert.Equal("wtg", (string?)shot["sg_status_list"]);
        var found = Assert.Single((JArray)result["found"]!);
        Assert.Equal("py_010", (string?)found["code"]);
        Assert.Equal((int)result["project"]!["id"]!, (int)found["project"]!["id"]!);
        Assert.Equal("changed", (string?)result["updated"]!["description"]);
        Assert.Equal("changed", (string?)result["one"]!["description"]);
        Assert.True((bool)result["deleted"]!);
        Assert.Equal(JTokenType.Null, result["gone"]!.Type);
        Assert.Equal([id], result["retired"]!.Select(t => (int)t));
        Assert.True((bool)result["revived"]!);
        Assert.Contains("no_such_field", (string?)result["fault"]);
        Assert.Equal("changed", (string?)_site.Store.Find("Shot", id)!["description"]);
    }

    [PythonApiFact]
    public async Task Uploads_TwoStepProtocolThumbnailsSharingAndDownloads_RoundTripTheBytes()
    {
        var result = await PythonScript.RunAsync(_site, "uploads.py", _work.FullName);

        var files = _site.Server.BaseUri + "files/";
        var movie = (JObject)result["movie_field"]!;
        Assert.Equal("Attachment", (string?)movie["type"]);
        Assert.Equal((int)result["movie_id"]!, (int)movie["id"]!);
        Assert.Equal("Cut v001", (string?)movie["name"]);
        Assert.Equal(_site.Server.BaseUri + $"file_serve/attachment/{(int)movie["id"]!}", (string?)movie["url"]);
        Assert.StartsWith(files, (string?)result["image"]);
        Assert.StartsWith(files, (string?)result["filmstrip_image"]);
        Assert.NotEqual((string?)result["image"], (string?)result["filmstrip_image"]);
        Assert.Equal((string?)result["image"], (string?)result["other_image"]);
        Assert.Equal((int)result["thumb_id"]!, (int)result["shared_id"]!);
        var attachment = (JObject)result["attachment"]!;
        Assert.Equal("cut_v001.mov", (string?)attachment["filename"]);
        Assert.Equal(3 + (256 * 40), (int)attachment["file_size"]!);
        Assert.Equal(["review", "client"], attachment["tag_list"]!.Select(t => (string?)t));
        Assert.True((bool)result["download_matches"]!, "download_attachment(dict) returned other bytes");
        Assert.True((bool)result["file_path_returned"]!);
        Assert.True((bool)result["file_matches"]!, "download_attachment(file_path=) wrote other bytes");
        Assert.True((bool)result["thumbnail_matches"]!, "the image URL served other bytes");
        Assert.StartsWith(files, (string?)result["created_image"]);
        Assert.True((bool)result["multipart_matches"]!, "the multi-part upload stored other bytes");
        Assert.True((bool)result["form_matches"]!, "the form upload stored other bytes");
        Assert.StartsWith(files, (string?)result["form_thumb"]);
        Assert.Equal(JTokenType.Null, result["after_clear"]!["image"]!.Type);
        Assert.Equal(JTokenType.Null, result["after_clear"]!["filmstrip_image"]!.Type);
    }

    [PythonApiFact]
    public async Task Auth_ScriptUserSessionAndSudo_FaultsAndActorsAsASite()
    {
        var jane = (int)_site.Store.AddHumanUser("jane.doe", "Jane Doe", "pw-4711")["id"]!;
        var before = _site.Store.LatestEventId;

        var result = await PythonScript.RunAsync(_site, "auth.py", _work.FullName,
            new Dictionary<string, string> { ["SG_LOGIN"] = "jane.doe", ["SG_PASSWORD"] = "pw-4711" });

        Assert.Equal($"Can't authenticate script '{TestSite.ScriptName}'", (string?)result["faults"]!["bad_key"]);
        Assert.Equal("Can't authenticate user 'jane.doe'.", (string?)result["faults"]!["bad_password"]);
        Assert.StartsWith("Cannot 'sudo' - unknown or retired user", (string?)result["faults"]!["bad_sudo"]);
        var events = _site.Store.ReadEvents(before);
        foreach (var key in new[] { "by_user", "by_session", "by_sudo" })
        {
            var created = events.Single(e => (string?)e["event_type"] == "Shotgun_Shot_New" && (int)e["entity"]!["id"]! == (int)result[key]!);
            Assert.Equal(jane, (int)created["user"]!["id"]!);
        }
    }

    [PythonApiFact]
    public async Task DateTimes_UtcAndLocalModes_StoreUtcAndReadBackInEachMode()
    {
        // A zone without daylight saving, so the expected values hold on any date.
        var result = await PythonScript.RunAsync(_site, "datetimes.py", _work.FullName, new Dictionary<string, string> { ["TZ"] = "Asia/Kolkata" });

        Assert.Equal("2024-01-02T04:30:00Z", (string?)_site.Store.Find("Shot", (int)result["a"]!)!["sg_last_published_at"]);
        Assert.Equal("2024-01-02T10:00:00Z", (string?)_site.Store.Find("Shot", (int)result["b"]!)!["sg_last_published_at"]);
        Assert.Equal("2024-01-02T10:00:00", (string?)result["a_read_utc_mode"]);
        Assert.Equal("2024-01-02T04:30:00", (string?)result["a_read_local_mode"]);
        Assert.Equal("2024-01-02T15:30:00", (string?)result["b_read_utc_mode"]);
        Assert.Equal("2024-01-02T10:00:00", (string?)result["b_read_local_mode"]);
        Assert.True((bool)result["a_utc_mode_is_aware"]!);
        Assert.Equal("2024-03-04", (string?)result["due_date"]);
        Assert.Equal(["local_mode", "utc_mode"], result["filter_codes"]!.Select(t => (string?)t));
    }
}
