using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Events.Checkpoints;
using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Daemon.Events.Reading;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>
/// <c>plugin_concurrency = serial</c>: upstream's order. Every event goes through every active plugin in turn
/// (collections as configured, plugins by file name) on the poll loop itself, so a slow or stuck plugin holds up all of
/// them, by design. Reads start at the lowest position of the active plugins; those further on skip what they had.
/// </summary>
/// <remarks>Owner: the poll loop (it drives every plugin's delivery, the backlog query and the batch numbers).</remarks>
internal sealed class SerialDispatcher(DeliveryRegistry registry, StateWriter checkpoints, BacklogQuery backlog, CancellationToken callbacks,
    TimeProvider time) : IDispatcher
{
    private long _batch;

    /// <inheritdoc />
    public long? NextReadFrom => Active().Select(d => (long?)d.Position + 1).Min();

    /// <inheritdoc />
    public bool AtHead => Active().Any();

    /// <inheritdoc />
    public void Apply(PollerMessage message)
    {
        // Plugins come and go through the registry; there are no lanes to let go or take back.
        if (message is { Kind: PollerMessageKind.Added, Delivery: { } added })
        {
            added.SetMode(DeliveryMode.Serial, time.GetTimestamp());
        }
    }

    /// <inheritdoc />
    public async Task BeforeReadAsync(CancellationToken stopping)
    {
        foreach (var delivery in registry.Current)
        {
            delivery.ExpireBacklog();
        }

        var found = await backlog.FindAsync(Active().SelectMany(d => d.Backlog.Ranges.Select(r => r.Ids)), stopping).ConfigureAwait(false);
        if (found.Count > 0)
        {
            await DispatchAsync(found, stopping).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task DispatchAsync(IReadOnlyList<ShotgunEvent> events, CancellationToken stopping)
    {
        var plugins = Active().ToArray();
        var batch = ++_batch;
        checkpoints.Dispatched(batch, [.. plugins.Select(d => d.Id)]);
        foreach (var evt in events)
        {
            foreach (var delivery in plugins)
            {
                stopping.ThrowIfCancellationRequested();
                // Abandoned: a new version of a stuck plugin was swapped in; it takes the same event.
                while (await delivery.DeliverAsync(evt, stopping, callbacks).ConfigureAwait(false) == DeliveryOutcome.Abandoned)
                {
                }
            }
        }

        foreach (var delivery in plugins)
        {
            checkpoints.Passed(batch, delivery.Id);
        }
    }

    private IEnumerable<PluginDelivery> Active() => registry.Current.Where(d => d.Plugin.IsActive);
}
