using Microsoft.Extensions.Logging;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>
/// Turns each committed write into deliveries for every registered webhook. The events of one write form one event
/// batch (<c>X-SG-EVENT-BATCH-ID</c>, <c>-SIZE</c>, <c>-INDEX</c>). Runs under the write lock, so it only builds the
/// payloads and queues them.
/// </summary>
internal sealed partial class WebhookDispatcher : ICommitListener, IAsyncDisposable
{
    private readonly IReadOnlyList<WebhookSender> _senders;
    private readonly ILogger _logger;
    private long _batchIds;

    public WebhookDispatcher(IEnumerable<WebhookRegistration> webhooks, Uri siteUrl, TimeProvider time, ILogger logger)
    {
        _logger = logger;
        _senders = [.. webhooks.Select(w => new WebhookSender(w, siteUrl, time, logger))];
    }

    public IReadOnlyList<WebhookSender> Senders => _senders;

    public void OnCommitted(SiteData site, int firstIndex, int count, DateTimeOffset committedAt)
    {
        var log = site.Events;
        var views = new List<EventView>(count);
        for (var index = firstIndex; index < firstIndex + count; index++)
        {
            var view = new EventView(log[index], log);
            if (WebhookPayload.IsDelivered(view.EntityTypeName()))
            {
                views.Add(view);
            }
        }

        if (views.Count == 0)
        {
            return;
        }

        var batchId = Interlocked.Increment(ref _batchIds);
        for (var s = 0; s < _senders.Count; s++)
        {
            for (var i = 0; i < views.Count; i++)
            {
                var deliveryId = Guid.NewGuid();
                try
                {
                    _senders[s].TryEnqueue(new WebhookDelivery
                    {
                        Data = WebhookPayload.Data(views[i], site, committedAt, $"{batchId}.{s + 1}.{i}", deliveryId),
                        DeliveryId = deliveryId,
                        BatchId = batchId,
                        BatchSize = views.Count,
                        BatchIndex = i,
                        VisibleAtMs = log.VisibleAtMs(views[i].Id),
                    });
                }
                catch (InvalidOperationException ex)
                {
                    // A payload that cannot be built is skipped: the write it came from has committed and must not fail.
                    LogSkipped(_logger, views[i].Id, ex);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for event {EventId} skipped")]
    private static partial void LogSkipped(ILogger logger, int eventId, Exception exception);
}
