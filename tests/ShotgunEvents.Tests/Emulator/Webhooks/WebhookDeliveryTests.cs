using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Webhooks;
using ShotgunEvents.Tests.Emulator.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Webhooks;

/// <summary>The emulator's webhooks against a real loopback receiver: payload, headers, signature, batching, retries, and writes that never wait for them.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "doorbell-secret";

    [Fact]
    public async Task Create_SignedWebhook_DeliversEachEventOnceSignedAndShapedAsASite()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var site = await TestSite.StartAsync(webhooks: [new WebhookRegistration(receiver.Url, Secret)]);

        var shot = await site.CreateAsync("Shot", new JObject { ["code"] = "hook_0010", ["description"] = "fog" }, TestSite.ScriptAuth("5a1d49b0-0c69-11e0-a24c-003048d17544"));
        var events = await site.EventsAfterAsync(0);
        var shotEvents = events.Where(e => (string?)e["entity"]?["type"] == "Shot").ToList();
        Assert.True(shotEvents.Count >= 2, $"a create logs _New and in_create _Change rows: {events}");
        await Eventually.TrueAsync(() => receiver.Received.Count >= shotEvents.Count, "one delivery per event");

        var received = receiver.Received;
        Assert.Equal(shotEvents.Count, received.Count);
        var webhookIds = received.Select(r => r.Header("X-SG-WEBHOOK-ID")).Distinct().ToList();
        Assert.Single(webhookIds);
        Assert.True(Guid.TryParse(webhookIds[0], out _));
        for (var i = 0; i < received.Count; i++)
        {
            var request = received[i];
            Assert.Equal("POST", request.Method);
            Assert.Equal("/webhook", request.Path);
            Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
            Assert.Equal("application/json", request.Header("Accept"));
            // Computed here, not with the product's helper: the receiver's check is what a real consumer does.
            var expected = "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
            Assert.Equal(expected, request.Header("X-SG-SIGNATURE"));
            Assert.True(WebhookSignature.Verify(Secret, request.Body, request.Header("X-SG-SIGNATURE")));
            Assert.False(WebhookSignature.Verify("wrong", request.Body, request.Header("X-SG-SIGNATURE")));
            Assert.Equal(shotEvents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("X-SG-EVENT-BATCH-SIZE"));
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("X-SG-EVENT-BATCH-INDEX"));
            Assert.Equal(site.Server.BaseUri.ToString(), request.Header("X-SG-WEBHOOK-SITE-URL"));

            var body = request.Json;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)body["timestamp"]);
            var data = (JObject)body["data"]!;
            var logged = shotEvents[i];
            Assert.Equal((int)logged["id"]!, (int)data["event_log_entry_id"]!);
            Assert.Equal((string?)logged["event_type"], (string?)data["event_type"]);
            Assert.Equal(i == 0 ? "create" : "update", (string?)data["operation"]);
            Assert.Equal((string?)logged["attribute_name"], (string?)data["attribute_name"]);
            Assert.Equal(JObject.Parse($$"""{"type": "Shot", "id": {{(int)shot["id"]!}}}"""), data["entity"]);
            Assert.Equal("ApiUser", (string?)data["user"]?["type"]);
            Assert.Null(data["user"]?["name"]);
            Assert.Equal("5a1d49b0-0c69-11e0-a24c-003048d17544", (string?)data["session_uuid"]);
            Assert.Equal(logged["meta"], data["meta"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$", (string?)data["created_at"]);
            Assert.Equal(request.Header("X-SG-DELIVERY-ID"), (string?)data["delivery_id"]);
            Assert.Equal(JTokenType.String, data["id"]!.Type);
        }

        Assert.Single(received.Select(r => r.Header("X-SG-EVENT-BATCH-ID")).Distinct());
        Assert.Equal(received.Count, received.Select(r => r.Header("X-SG-DELIVERY-ID")).Distinct().Count());
        await Eventually.TrueAsync(() => site.Server.WebhookSenders[0].Delivered == received.Count, "every delivery counted as delivered");
    }

    [Fact]
    public async Task Write_SecondTransaction_GetsItsOwnEventBatch()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var site = await TestSite.StartAsync(webhooks: [new WebhookRegistration(receiver.Url)]);

        var shot = await site.CreateAsync("Shot", new JObject { ["code"] = "hook_0010" });
        await site.UpdateAsync("Shot", (int)shot["id"]!, new JObject { ["description"] = "rain" });
        var expected = (await site.EventsAfterAsync(0)).Count(e => (string?)e["entity"]?["type"] == "Shot");
        await Eventually.TrueAsync(() => receiver.Received.Count >= expected, "every event delivered");

        var last = receiver.Received[^1];
        Assert.Null(last.Header("X-SG-SIGNATURE")); // no secret: unsigned, as a site sends it
        Assert.Equal("update", (string?)last.Json["data"]!["operation"]);
        Assert.Equal("description", (string?)last.Json["data"]!["attribute_name"]);
        Assert.Equal("1", last.Header("X-SG-EVENT-BATCH-SIZE"));
        Assert.NotEqual(receiver.Received[0].Header("X-SG-EVENT-BATCH-ID"), last.Header("X-SG-EVENT-BATCH-ID"));
    }

    [Fact]
    public async Task Create_BatchedWebhook_SendsDeliveriesInOneBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var site = await TestSite.StartAsync(webhooks: [new WebhookRegistration(receiver.Url, Secret, batched: true)]);

        await site.CreateAsync("Shot", new JObject { ["code"] = "hook_0010", ["description"] = "fog" });
        var ids = (await site.EventsAfterAsync(0)).Where(e => (string?)e["entity"]?["type"] == "Shot").Select(e => (int)e["id"]!).ToList();
        List<int> Delivered() => [.. receiver.Received.SelectMany(r => ((JArray)r.Json["data"]!["deliveries"]!).Select(d => (int)d["event_log_entry_id"]!))];
        await Eventually.TrueAsync(() => Delivered().Count >= ids.Count, "every event inside a deliveries array");

        Assert.Equal(ids, Delivered());
        Assert.All(receiver.Received, r => Assert.True(WebhookSignature.Verify(Secret, r.Body, r.Header("X-SG-SIGNATURE"))));
        Assert.All(receiver.Received, r => Assert.NotNull(r.Json["timestamp"]));
    }

    [Fact]
    public async Task Write_ReceiverThatNeverAnswers_DoesNotHoldUpWrites()
    {
        await using var receiver = await WebhookReceiver.StartAsync(hang: true);
        await using var site = await TestSite.StartAsync(webhooks: [new WebhookRegistration(receiver.Url, Secret)]);

        await site.CreateAsync("Shot", new JObject { ["code"] = "first" });
        await Eventually.TrueAsync(() => receiver.Received.Count >= 1, "the sender is stuck on the first delivery");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            await site.CreateAsync("Shot", new JObject { ["code"] = $"shot_{i:0000}" });
        }

        // Each create is a local round trip; a write waiting on the 6 s delivery timeout would take minutes here.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"100 creates took {clock.Elapsed}");
        Assert.Single(receiver.Received);
        Assert.Equal(0, site.Server.WebhookSenders[0].Delivered);
    }

    [Fact]
    public async Task Delivery_ReceiverAnswers503_IsRetriedAfterBackOffOnTheSiteClock()
    {
        await using var receiver = await WebhookReceiver.StartAsync(status: n => n == 1 ? 503 : 200);
        await using var site = await TestSite.StartAsync(fakeTime: true, webhooks: [new WebhookRegistration(receiver.Url, Secret)]);

        await site.CreateAsync("Shot", new JObject { ["code"] = "retry_0010" });
        await Eventually.TrueAsync(() => receiver.Received.Count >= 1, "the first attempt");
        await Eventually.TrueAsync(() =>
        {
            // The back-off waits on the site clock: nothing more arrives until it moves.
            site.Time!.Advance(TimeSpan.FromMilliseconds(250));
            return receiver.Received.Count >= 2;
        }, "the retry");

        var received = receiver.Received;
        Assert.Equal(received[0].Header("X-SG-DELIVERY-ID"), received[1].Header("X-SG-DELIVERY-ID"));
        Assert.Equal((int)received[0].Json["data"]!["event_log_entry_id"]!, (int)received[1].Json["data"]!["event_log_entry_id"]!);
        await Eventually.TrueAsync(() => site.Server.WebhookSenders[0].Delivered >= 1, "the retry counted as delivered");
    }
}
