using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Hosting;

/// <summary>
/// Uploads and downloads over loopback, with the requests the Python API sends (form posts with the auth params,
/// a PUT to the storage URL, the <c>_session_id</c> cookie on downloads).
/// </summary>
public sealed class UploadEndpointsTests : IAsyncLifetime
{
    private static readonly byte[] Movie = Encoding.UTF8.GetBytes("not really a quicktime, but bytes all the same \u00e9\u00e8");
    private TestSite _site = null!;

    // The site clock is a fake one, so a test decides when an uploaded thumbnail is done processing.
    public async Task InitializeAsync() => _site = await TestSite.StartAsync(fakeTime: true);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task TwoStepUpload_ToFileField_CreatesAnAttachmentAndLinksIt()
    {
        var version = (int)(await _site.CreateAsync("Version", new JObject { ["code"] = "v001" }))["id"]!;
        var before = _site.Store.LatestEventId;

        var attachment = await UploadAsync(_site, "Version", version, "v001.mov", Movie, "Attachment", ("field_name", "sg_uploaded_movie"), ("display_name", "Latest QT"));

        var link = (JObject)(await _site.ReadAsync("Version", TestSite.Condition("id", "is", version), ["sg_uploaded_movie"]))[0]["sg_uploaded_movie"]!;
        Assert.Equal("Attachment", (string?)link["type"]);
        Assert.Equal(attachment, (int)link["id"]!);
        Assert.Equal("Latest QT", (string?)link["name"]);
        Assert.Equal("upload", (string?)link["link_type"]);
        Assert.Equal("video/quicktime", (string?)link["content_type"]);
        Assert.Equal(new Uri(_site.Server.BaseUri, $"file_serve/attachment/{attachment}").ToString(), (string?)link["url"]);
        Assert.Null(link["storage_key"]);
        Assert.Equal(Movie, await DownloadAsync((string)link["url"]!));
        var events = await _site.EventsAfterAsync(before);
        Assert.Contains(events, e => (string?)e["event_type"] == "Shotgun_Attachment_New");
        Assert.Contains(events, e => (string?)e["event_type"] == "Shotgun_Version_Change" && (string?)e["attribute_name"] == "sg_uploaded_movie");
    }

    [Fact]
    public async Task TwoStepUpload_AttachmentRowNamesTheFileAndItsEntity()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;

        var attachment = await UploadAsync(_site, "Shot", shot, "notes.txt", Movie, "Attachment", ("tag_list", "review,client"));

        var row = (await _site.ReadAsync("Attachment", TestSite.Condition("id", "is", attachment),
            ["filename", "file_size", "this_file", "attachment_links", "tag_list"]))[0];
        Assert.Equal("notes.txt", (string?)row["filename"]);
        Assert.Equal(Movie.Length, (int)row["file_size"]!);
        Assert.Equal(["review", "client"], row["tag_list"]!.Select(t => (string?)t));
        Assert.Equal(shot, (int)row["attachment_links"]![0]!["id"]!);
        Assert.Equal(Movie, await DownloadAsync((string)row["this_file"]!["url"]!));
    }

    [Fact]
    public async Task UploadThumbnail_ImageReadsAsAUrlTheSiteServes()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4 };

        await UploadAsync(_site, "Shot", shot, "thumb.png", png, "Thumbnail");
        _site.Time!.Advance(new EmulatorOptions().ThumbnailProcessing);

        var image = (string?)(await _site.ReadAsync("Shot", TestSite.Condition("id", "is", shot), ["image", "filmstrip_image"]))[0]["image"];
        Assert.StartsWith(_site.Server.BaseUri + "files/", image);
        using var response = await _site.Http.GetAsync(image);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        var key = image!.Split('/')[^2];
        Assert.DoesNotContain(key, (await _site.EventsAfterAsync(0)).ToString());
    }

    [Fact]
    public async Task UploadThumbnail_WhileProcessing_ReadsAsTheSitesTransientPlaceholderThenAsTheFile()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;
        var project = (int)(await _site.CreateAsync("Project", new JObject { ["name"] = "p" }))["id"]!;
        await _site.UpdateAsync("Shot", shot, new JObject { ["project"] = TestSite.Link("Project", project) });
        var processing = new EmulatorOptions().ThumbnailProcessing;

        await UploadAsync(_site, "Project", project, "thumb.jpg", Movie, "Thumbnail");
        var pending = (await _site.ReadAsync("Shot", TestSite.Condition("id", "is", shot), ["project.Project.image"]))[0];
        using var placeholder = await _site.Http.GetAsync((string?)pending["project.Project.image"]);
        _site.Time!.Advance(processing - TimeSpan.FromMilliseconds(1));
        var stillPending = (string?)(await _site.ReadAsync("Project", TestSite.Condition("id", "is", project), ["image"]))[0]["image"];
        _site.Time.Advance(TimeSpan.FromMilliseconds(1));
        var done = (string?)(await _site.ReadAsync("Project", TestSite.Condition("id", "is", project), ["image"]))[0]["image"];

        Assert.Equal(_site.Server.BaseUri + "images/status/transient/thumbnail_pending.png", (string?)pending["project.Project.image"]);
        Assert.Equal(HttpStatusCode.OK, placeholder.StatusCode);
        Assert.Equal("image/png", placeholder.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await placeholder.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal((string?)pending["project.Project.image"], stillPending);
        Assert.StartsWith(_site.Server.BaseUri + "files/", done);
        Assert.Equal(Movie, await DownloadAsync(done!));
    }

    [Fact]
    public async Task UploadThumbnail_ZeroProcessingTime_IsFinalAtOnce()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true, thumbnailProcessing: TimeSpan.Zero);
        var shot = (int)(await site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;

        await UploadAsync(site, "Shot", shot, "thumb.jpg", Movie, "Thumbnail");

        Assert.StartsWith(site.Server.BaseUri + "files/", (string?)(await site.ReadAsync("Shot", TestSite.Condition("id", "is", shot), ["image"]))[0]["image"]);
    }

    [Fact]
    public async Task UploadFilmstrip_SetsFilmstripImageOnly()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;

        await UploadAsync(_site, "Shot", shot, "strip.jpg", Movie, "Thumbnail", ("filmstrip", "True"));
        _site.Time!.Advance(new EmulatorOptions().ThumbnailProcessing);

        var row = (await _site.ReadAsync("Shot", TestSite.Condition("id", "is", shot), ["image", "filmstrip_image"]))[0];
        Assert.Equal(JTokenType.Null, row["image"]!.Type);
        Assert.StartsWith(_site.Server.BaseUri + "files/", (string?)row["filmstrip_image"]);
    }

    [Fact]
    public async Task UpdateImageToNull_ClearsThumbnailAndFilmstrip_ButAValueIsNotWritable()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;
        await UploadAsync(_site, "Shot", shot, "thumb.jpg", Movie, "Thumbnail");
        await UploadAsync(_site, "Shot", shot, "strip.jpg", Movie, "Thumbnail", ("filmstrip", "True"));

        await _site.UpdateAsync("Shot", shot, new JObject { ["image"] = null });
        var fault = await _site.FaultAsync("update", new JObject
        {
            ["type"] = "Shot", ["id"] = shot, ["fields"] = new JArray(new JObject { ["field_name"] = "image", ["value"] = "http://elsewhere/x.jpg" }),
        });

        var row = (await _site.ReadAsync("Shot", TestSite.Condition("id", "is", shot), ["image", "filmstrip_image"]))[0];
        Assert.Equal(JTokenType.Null, row["image"]!.Type);
        Assert.Equal(JTokenType.Null, row["filmstrip_image"]!.Type);
        Assert.Contains("image", (string?)fault["message"]);
    }

    [Fact]
    public async Task StoragePut_AboveKestrelsDefaultBodyLimit_IsStored()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "big" }))["id"]!;
        var big = new byte[31 * 1024 * 1024];
        big[^1] = 42;

        var attachment = await UploadAsync(_site, "Shot", shot, "big.bin", big, "Attachment");

        var row = (await _site.ReadAsync("Attachment", TestSite.Condition("id", "is", attachment), ["file_size"]))[0];
        Assert.Equal(big.Length, (int)row["file_size"]!);
    }

    [Fact]
    public async Task MultipartUpload_JoinsThePartsInOrder()
    {
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;
        var info = await FormAsync("/upload/api_get_upload_link_info", ("upload_type", "Attachment"), ("filename", "big.bin"), ("multipart_upload", "True"));
        var lines = info.Split('\n');
        var parts = new[] { "first-", "second-", "third" };
        foreach (var (text, number) in parts.Select((p, i) => (p, i + 1)).Reverse())
        {
            var partUrl = (await FormAsync("/upload/api_get_upload_link_for_part", ("upload_type", lines[3]), ("filename", "big.bin"), ("timestamp", lines[2]),
                ("upload_id", lines[4]), ("part_number", number.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Split('\n')[1];
            await PutAsync(partUrl, Encoding.UTF8.GetBytes(text));
        }

        Assert.Equal("1\n", await FormAsync("/upload/api_complete_multipart_upload", ("upload_id", lines[4]), ("etags", "a,b,c")));
        var linked = await FormAsync("/upload/api_link_file", ("entity_type", "Shot"), ("entity_id", shot.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("upload_link_info", info));

        var id = int.Parse(linked.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("first-second-third", Encoding.UTF8.GetString(await DownloadAsync(new Uri(_site.Server.BaseUri, $"file_serve/attachment/{id}").ToString())));
    }

    [Fact]
    public async Task ShareThumbnail_PointsOtherEntitiesAtTheSameThumbnail()
    {
        var a = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "a" }))["id"]!;
        var b = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "b" }))["id"]!;
        var thumbnail = await UploadAsync(_site, "Shot", a, "thumb.jpg", Movie, "Thumbnail");
        _site.Time!.Advance(new EmulatorOptions().ThumbnailProcessing);

        var answer = await FormAsync("/upload/share_thumbnail", ("entities", $"Shot_{b}"), ("source_entity", $"Shot_{a}"), ("filmstrip_thumbnail", "False"));

        Assert.Equal($"1:{thumbnail}\n", answer);
        var rows = await _site.ReadAsync("Shot", fields: ["image"]);
        Assert.Equal((string?)rows.Single(r => (int)r["id"]! == a)["image"], (string?)rows.Single(r => (int)r["id"]! == b)["image"]);
    }

    [Fact]
    public async Task ShareThumbnail_SourceStillProcessing_AnswersNotReadyAndChangesNothing()
    {
        var a = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "a" }))["id"]!;
        var b = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "b" }))["id"]!;
        await UploadAsync(_site, "Shot", a, "thumb.jpg", Movie, "Thumbnail");

        var answer = await FormAsync("/upload/share_thumbnail", ("entities", $"Shot_{b}"), ("source_entity", $"Shot_{a}"), ("filmstrip_thumbnail", "False"));

        // Status 2 is what the Python API raises as ShotgunThumbnailNotReady.
        Assert.StartsWith("2\nsource_entity image is a transient thumbnail that cannot be shared.", answer);
        Assert.Equal(JTokenType.Null, (await _site.ReadAsync("Shot", TestSite.Condition("id", "is", b), ["image"]))[0]["image"]!.Type);
    }

    [Fact]
    public async Task FormUpload_UploadFile_StoresAndLinksInOneRequest()
    {
        var version = (int)(await _site.CreateAsync("Version", new JObject { ["code"] = "v001" }))["id"]!;
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in Auth().Concat([("entity_type", "Version"), ("entity_id", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("field_name", "sg_uploaded_movie")]))
        {
            form.Add(new StringContent(value), key);
        }

        form.Add(new ByteArrayContent(Movie), "file", "cut.mov");
        using var response = await _site.Http.PostAsync("upload/upload_file", form);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("1:", answer);
        var link = (await _site.ReadAsync("Version", TestSite.Condition("id", "is", version), ["sg_uploaded_movie"]))[0]["sg_uploaded_movie"]!;
        Assert.Equal(Movie, await DownloadAsync((string)link["url"]!));
    }

    [Fact]
    public async Task LinkInfo_WrongScriptKey_AnswersZeroWithTheAuthenticationText()
    {
        using var content = new FormUrlEncodedContent([new("script_name", TestSite.ScriptName), new("script_key", "nope-123"), new("upload_type", "Attachment"), new("filename", "x.txt")]);
        using var response = await _site.Http.PostAsync("upload/api_get_upload_link_info", content);

        var answer = await response.Content.ReadAsStringAsync();
        Assert.Equal($"0\nCan't authenticate script '{TestSite.ScriptName}'", answer);
        Assert.DoesNotContain("nope-123", answer);
    }

    [Fact]
    public async Task Download_FromLoopbackWithoutCookie_IsServed_UnknownAttachmentIs400()
    {
        // The Python API's cookie never matches a host:port site, so a loopback caller is served without one.
        var shot = (int)(await _site.CreateAsync("Shot", new JObject { ["code"] = "sh010" }))["id"]!;
        var attachment = await UploadAsync(_site, "Shot", shot, "a.txt", Movie, "Attachment");

        using var anonymous = await _site.Http.GetAsync($"file_serve/attachment/{attachment}");
        using var missing = await _site.Http.GetAsync("file_serve/attachment/999");

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(Movie, await anonymous.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Snapshot_KeepsUploadedFilesAcrossARestart()
    {
        var folder = Directory.CreateTempSubdirectory("sgev-upload-snap");
        try
        {
            var snapshot = Path.Combine(folder.FullName, "site.json");
            int attachment;
            await using (var first = await TestSite.StartAsync(snapshotPath: snapshot))
            {
                var shot = (int)(await first.CreateAsync("Shot", new JObject { ["code"] = "kept" }))["id"]!;
                attachment = await UploadAsync(first, "Shot", shot, "kept.txt", Movie, "Attachment");
            }

            await using var second = await TestSite.StartAsync(snapshotPath: snapshot);
            var row = (await second.ReadAsync("Attachment", TestSite.Condition("id", "is", attachment), ["this_file"]))[0];
            var url = (string)row["this_file"]!["url"]!;

            Assert.StartsWith(second.Server.BaseUri.ToString(), url);
            Assert.Equal(Movie, await DownloadAsync(url, second));
            Assert.True(Directory.Exists(snapshot + ".files"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The storage protocol: link info, PUT, link file; returns the Attachment id.</summary>
    private static async Task<int> UploadAsync(TestSite site, string type, int id, string fileName, byte[] bytes, string uploadType, params (string Key, string Value)[] extra)
    {
        var info = await FormAsync(site, "/upload/api_get_upload_link_info", ("upload_type", uploadType), ("filename", fileName), ("multipart_upload", "False"));
        Assert.StartsWith("1\n", info);
        await PutAsync(site, info.Split('\n')[1], bytes);
        var linked = await FormAsync(site, "/upload/api_link_file",
            [("entity_type", type), ("entity_id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("upload_link_info", info), .. extra]);
        Assert.StartsWith("1:", linked);
        return int.Parse(linked.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<(string Key, string Value)> Auth() => [("script_name", TestSite.ScriptName), ("script_key", TestSite.ScriptKey)];

    private Task<string> FormAsync(string path, params (string Key, string Value)[] fields) => FormAsync(_site, path, fields);

    private static async Task<string> FormAsync(TestSite site, string path, params (string Key, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(Auth().Concat(fields).Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        using var response = await site.Http.PostAsync(path.TrimStart('/'), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task PutAsync(string url, byte[] bytes) => PutAsync(_site, url, bytes);

    private static async Task PutAsync(TestSite site, string url, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        using var response = await site.Http.PutAsync(url, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
    }

    private async Task<string> SessionCookieAsync(TestSite? site = null) =>
        "_session_id=" + (string)(await (site ?? _site).ResultsAsync("get_session_token"))["session_id"]!;

    private async Task<byte[]> DownloadAsync(string url, TestSite? site = null)
    {
        site ??= _site;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", await SessionCookieAsync(site));
        using var response = await site.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
