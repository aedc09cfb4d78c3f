using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>
/// One event's delivery: its <c>data</c> object and its place in the event batch (the events one write committed
/// together), which the non-batched headers name.
/// </summary>
internal sealed class WebhookDelivery
{
    public required JObject Data { get; init; }

    public required Guid DeliveryId { get; init; }

    public required long BatchId { get; init; }

    public required int BatchSize { get; init; }

    public required int BatchIndex { get; init; }

    /// <summary>When the event becomes visible to readers (Unix ms; 0 = at once): a late-commit id is delivered only then, as a site does after its transaction commits.</summary>
    public long VisibleAtMs { get; init; }
}
