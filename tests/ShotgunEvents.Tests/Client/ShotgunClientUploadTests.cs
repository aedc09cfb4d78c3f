using System.Net;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>
/// The one-request form uploads (a site without direct storage uploads), seen byte for byte by a recording site: the
/// auth, session and sudo fields the Python API sends, and the retries every call gets.
/// </summary>
public sealed class ShotgunClientUploadTests : IDisposable
{
    private const string InfoWithoutDirectUploads = """{"version":[8,50,0],"api_max_entities_per_page":500,"s3_direct_uploads_enabled":false}""";
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("sge-upload-").FullName, "take_03.mov");

    public ShotgunClientUploadTests() => File.WriteAllText(_file, "movie bytes 0123456789");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Fact]
    public async Task UploadAsync_Site503ThenAnswer_IsRetriedAndSendsAuthSessionAndSudo()
    {
        var uploads = 0;
        await using var site = new RecordingSite(request => request.Target switch
        {
            "/api3/json" => CannedResponse.Json(InfoWithoutDirectUploads),
            "/upload/upload_file" when Interlocked.Increment(ref uploads) == 1 => new CannedResponse((int)HttpStatusCode.ServiceUnavailable, "busy", "text/plain"),
            "/upload/upload_file" => new CannedResponse(200, "1:77\n", "text/plain"),
            _ => new CannedResponse(404, "no", "text/plain"),
        });
        using var client = Connect(site);
        client.SessionUuid = "sess-42";

        var id = await client.AsUser("jane").UploadAsync("Shot", 12, _file, "sg_movie", tagList: "a,b");

        Assert.Equal(77, id);
        var posts = site.Requests.Where(r => r.Target == "/upload/upload_file").ToArray();
        Assert.Equal(2, posts.Length);
        var form = posts[1];
        Assert.StartsWith("multipart/form-data", form.Headers["Content-Type"], StringComparison.Ordinal);
        foreach (var (name, value) in new[]
                 {
                     ("entity_type", "Shot"), ("entity_id", "12"), ("field_name", "sg_movie"), ("display_name", "take_03.mov"),
                     ("tag_list", "a,b"), ("script_name", "test"), ("script_key", "k-secret"), ("session_uuid", "sess-42"), ("sudo_as_login", "jane"),
                 })
        {
            Assert.Contains($"name={name}\r\n\r\n{value}\r\n", form.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains("movie bytes 0123456789", form.Body, StringComparison.Ordinal);
        Assert.Contains("filename=take_03.mov", form.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadFilmstripThumbnailAsync_NoDirectUploads_PostsToPublishThumbnail()
    {
        await using var site = new RecordingSite(request => request.Target switch
        {
            "/api3/json" => CannedResponse.Json(InfoWithoutDirectUploads),
            "/upload/publish_thumbnail" => new CannedResponse(200, "1:5\n", "text/plain"),
            _ => new CannedResponse(404, "no", "text/plain"),
        });
        using var client = Connect(site);

        var id = await client.UploadFilmstripThumbnailAsync("Version", 3, _file);

        Assert.Equal(5, id);
        var form = Assert.Single(site.Requests, r => r.Target == "/upload/publish_thumbnail").Body.Replace("\"", string.Empty, StringComparison.Ordinal);
        Assert.Contains("name=filmstrip\r\n\r\nTrue\r\n", form, StringComparison.Ordinal);
        Assert.Contains("name=thumb_image; filename=take_03.mov", form, StringComparison.Ordinal);
        Assert.DoesNotContain("display_name", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_SiteRefuses_RaisesItsMessageWithoutTheKey()
    {
        await using var site = new RecordingSite(request => request.Target switch
        {
            "/api3/json" => CannedResponse.Json(InfoWithoutDirectUploads),
            _ => new CannedResponse(200, "0\nNo such entity (key k-secret)", "text/plain"),
        });
        using var client = Connect(site);

        var error = await Assert.ThrowsAsync<ShotgunFault>(() => client.UploadAsync("Shot", 12, _file));

        Assert.Contains("No such entity", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k-secret", error.Message, StringComparison.Ordinal);
    }

    private static ShotgunClient Connect(RecordingSite site) =>
        new(new ShotgunClientOptions { Site = site.BaseUrl, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(20) },
            ShotgunCredentials.Script("test", "k-secret"));
}
