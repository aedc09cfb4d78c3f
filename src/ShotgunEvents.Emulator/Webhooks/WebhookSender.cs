using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>
/// Delivers one webhook's queue in the background: a bounded channel the write path only ever <c>TryWrite</c>s to
/// (a full queue drops the delivery, never blocks a write), then one POST per event (or up to 50 per POST in the
/// batched format), each attempt timed out after the site's 6 s allowance and retried with back-off on the site
/// clock.
/// </summary>
internal sealed partial class WebhookSender : IAsyncDisposable
{
    public const int QueueCapacity = 10_000;
    public const int MaxBatch = 50;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly WebhookRegistration _webhook;
    private readonly Uri _siteUrl;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<WebhookDelivery> _queue;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _overflowing;
    private bool _failing;
    private long _delivered;
    private long _failed;
    private long _dropped;

    public WebhookSender(WebhookRegistration webhook, Uri siteUrl, TimeProvider time, ILogger logger)
    {
        _webhook = webhook;
        _siteUrl = siteUrl;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<WebhookDelivery>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        // Each attempt carries its own timeout on the site clock; the client's own (wall-clock) timeout stays out of the way.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = AttemptTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public WebhookRegistration Webhook => _webhook;

    /// <summary>POSTs answered below 400.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>POSTs given up on after every attempt.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Deliveries dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a delivery without waiting; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(WebhookDelivery delivery)
    {
        if (_queue.Writer.TryWrite(delivery))
        {
            Volatile.Write(ref _overflowing, 0);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        if (Interlocked.Exchange(ref _overflowing, 1) == 0)
        {
            LogQueueFull(_logger, _webhook.Url, QueueCapacity);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is still queued is not delivered, as when a site goes down.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var reader = _queue.Reader;
        var batch = new List<WebhookDelivery>(_webhook.Batched ? MaxBatch : 1);
        while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < (_webhook.Batched ? MaxBatch : 1) && reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
            }

            await WaitUntilVisibleAsync(batch, stop).ConfigureAwait(false);
            await SendAsync(batch, stop).ConfigureAwait(false);
        }
    }

    /// <summary>A late-commit event is sent when readers can see it, so a receiver that polls on the doorbell finds it.</summary>
    private async Task WaitUntilVisibleAsync(List<WebhookDelivery> batch, CancellationToken stop)
    {
        var visibleAt = batch.Max(d => d.VisibleAtMs);
        var wait = visibleAt - _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), _time, stop).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(List<WebhookDelivery> batch, CancellationToken stop)
    {
        var body = Body(batch);
        var deliveryId = _webhook.Batched ? Guid.NewGuid() : batch[0].DeliveryId;
        var timeout = _webhook.Batched && batch.Count > AttemptTimeout.TotalSeconds ? TimeSpan.FromSeconds(batch.Count) : AttemptTimeout;
        string? lastProblem = null;
        for (var attempt = 0; attempt <= Backoff.Length; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Backoff[attempt - 1], _time, stop).ConfigureAwait(false);
            }

            using var attemptTimeout = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, attemptTimeout.Token);
            try
            {
                using var request = Request(body, batch, deliveryId);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status < 400)
                {
                    Interlocked.Increment(ref _delivered);
                    if (_failing)
                    {
                        _failing = false;
                        LogRecovered(_logger, _webhook.Url);
                    }

                    return;
                }

                lastProblem = $"HTTP {status}";
                if (status < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                {
                    // The receiver refused this body (a bad signature, say): sending it again changes nothing.
                    break;
                }
            }
            catch (HttpRequestException ex)
            {
                lastProblem = ex.Message;
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                lastProblem = $"no answer within {timeout.TotalSeconds:0} s";
            }
        }

        Interlocked.Increment(ref _failed);
        if (!_failing)
        {
            // Logged once per outage, not once per event: an unreachable receiver would otherwise flood the log.
            _failing = true;
            LogFailing(_logger, _webhook.Url, lastProblem ?? "unknown");
        }
    }

    private byte[] Body(List<WebhookDelivery> batch)
    {
        var timestamp = WebhookPayload.Timestamp(_time.GetUtcNow());
        var body = _webhook.Batched
            ? new JObject { ["timestamp"] = timestamp, ["data"] = new JObject { ["deliveries"] = new JArray(batch.Select(d => d.Data)) } }
            : new JObject { ["data"] = batch[0].Data, ["timestamp"] = timestamp };
        return Encoding.UTF8.GetBytes(body.ToString(Formatting.None));
    }

    private HttpRequestMessage Request(byte[] body, List<WebhookDelivery> batch, Guid deliveryId)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, _webhook.Url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("X-SG-WEBHOOK-ID", _webhook.Id.ToString());
        request.Headers.Add("X-SG-DELIVERY-ID", deliveryId.ToString());
        request.Headers.Add("X-SG-WEBHOOK-SITE-URL", _siteUrl.ToString());
        if (!_webhook.Batched)
        {
            var delivery = batch[0];
            request.Headers.Add("X-SG-EVENT-BATCH-ID", delivery.BatchId.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-SG-EVENT-BATCH-SIZE", delivery.BatchSize.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-SG-EVENT-BATCH-INDEX", delivery.BatchIndex.ToString(CultureInfo.InvariantCulture));
        }

        if (_webhook.Secret is { } secret)
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(secret, body));
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Url}: the delivery queue is full ({Capacity}); new deliveries are dropped until it drains")]
    private static partial void LogQueueFull(ILogger logger, Uri url, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Url}: deliveries are failing ({Problem}); retried with back-off, then dropped")]
    private static partial void LogFailing(ILogger logger, Uri url, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Url}: deliveries succeed again")]
    private static partial void LogRecovered(ILogger logger, Uri url);
}
