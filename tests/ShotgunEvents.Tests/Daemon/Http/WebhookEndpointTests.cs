using System.Net;
using System.Text;
using ShotgunEvents.Daemon.Http;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Http;

public sealed class WebhookEndpointTests
{
    private const string Secret = "doorbell-secret-3f9a";

    private static readonly string Single =
        """{"data":{"id":"119.110.0","event_log_entry_id":1,"event_type":"Shotgun_Shot_Change","operation":"update","entity":{"type":"Shot","id":1}},"timestamp":"2025-03-14T09:30:00Z"}""";

    private static readonly string Batched =
        """{"data":{"deliveries":[{"id":"1"},{"id":"2"},{"id":"3"}]},"timestamp":"2025-03-14T09:30:00Z"}""";

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpDaemon daemon, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        }

        using var response = await daemon.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhook_SignedDelivery_WakesPollerLongBeforeFetchInterval()
    {
        // A 10-minute fetch_interval: without the doorbell the event would not be read within this test's deadline.
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], Secret, fetchInterval: TimeSpan.FromMinutes(10));
        var worker = daemon.Lane();
        var id = daemon.Touch();

        var (status, body) = await PostAsync(daemon, Single, WebhookSignature.Sign(Encoding.UTF8.GetBytes(Single), Secret));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"deliveries\": 1", body, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => worker.LastEventId >= id, "the event after the webhook is handled", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Webhook_BatchedDelivery_CountsDeliveriesAndRings()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], Secret, fetchInterval: TimeSpan.FromMinutes(10));
        var polls = daemon.Runtime.Engine.Poller!.PollCount;

        var (status, body) = await PostAsync(daemon, Batched, WebhookSignature.Sign(Encoding.UTF8.GetBytes(Batched), Secret));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"deliveries\": 3", body, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => daemon.Runtime.Engine.Poller!.PollCount > polls, "a poll after the ring");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha1=0000000000000000000000000000000000000000")]
    [InlineData("sha1=not-hex")]
    [InlineData("md5=abc")]
    public async Task Webhook_MissingOrWrongSignature_401WithoutSecretAndNoPoll(string? signature)
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], Secret, fetchInterval: TimeSpan.FromMinutes(10));
        var before = daemon.Runtime.Engine.Poller!.PollCount;

        var (status, body) = await PostAsync(daemon, Single, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        // The poller waits 10 minutes between polls; only a ring could have made it poll since.
        Assert.Equal(before, daemon.Runtime.Engine.Poller!.PollCount);
    }

    [Fact]
    public async Task Webhook_SignatureOfAnotherBody_401()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], Secret, fetchInterval: TimeSpan.FromMinutes(10));

        var (status, _) = await PostAsync(daemon, Single, WebhookSignature.Sign(Encoding.UTF8.GetBytes(Batched), Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Webhook_BodyOverOneMegabyte_413()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], Secret, fetchInterval: TimeSpan.FromMinutes(10));
        var big = "{\"data\":{\"pad\":\"" + new string('x', 1024 * 1024) + "\"}}";

        var (status, _) = await PostAsync(daemon, big, WebhookSignature.Sign(Encoding.UTF8.GetBytes(big), Secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Webhook_SignedButNotAWebhookBody_400()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], Secret, fetchInterval: TimeSpan.FromMinutes(10));
        const string body = "[1,2,3]";

        var (status, _) = await PostAsync(daemon, body, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Secret));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
