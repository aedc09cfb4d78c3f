using Newtonsoft.Json.Linq;
using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.State;
using ShotgunEvents.Tests.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>A lane on its own, over a real compiled plugin: what the poller sees when the lane goes away under it.</summary>
public sealed class PluginWorkerTests : IDisposable
{
    private readonly TempPluginDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EnqueueAsync_LaneCompletedMeanwhile_DropsTheEventAndPassesItsTicket()
    {
        await using var host = await NoopHostAsync();
        var worker = Lane(host);
        var drained = 0;
        var ticket = new BatchTicket(() => drained++);
        var evt = Event(1);
        Assert.True(worker.Wants(evt));

        // The plugin file is removed between the poller's Wants and its enqueue: the engine completes the lane.
        worker.Complete();
        await worker.EnqueueAsync(evt, ticket, CancellationToken.None);
        ticket.Seal();

        Assert.True(ticket.IsDrained);
        Assert.Equal(1, drained);
    }

    [Fact]
    public async Task EnqueueAsync_OpenLane_TicketWaitsForTheLaneToHandleTheEvent()
    {
        await using var host = await NoopHostAsync();
        var worker = Lane(host);
        var ticket = new BatchTicket(() => { });

        await worker.EnqueueAsync(Event(1), ticket, CancellationToken.None);
        ticket.Seal();

        // The event is queued, not handled: the ticket must wait for the lane (this is what the test above differs from).
        Assert.False(ticket.IsDrained);
        worker.Complete();
        await worker.RunAsync(CancellationToken.None, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ticket.IsDrained);
        Assert.Equal(1, worker.HandledCount);
    }

    private async Task<PluginTestHost> NoopHostAsync()
    {
        _directory.Copy("Engine", "noop.csx");
        var host = new PluginTestHost(_directory);
        await host.LoadAsync();
        return host;
    }

    private static PluginWorker Lane(PluginTestHost host) =>
        new(host["noop"], new PluginCursor(new PluginState(0), TimeSpan.FromMinutes(5), new SiteClock(TimeProvider.System)),
            queueCapacity: 10, LogManager.CreateNullLogger());

    private static ShotgunEvent Event(int id) => ShotgunEvent.FromJson(JObject.Parse($$$"""
        {"type":"EventLogEntry","id":{{{id}}},"event_type":"Shotgun_Shot_Change","attribute_name":"sg_status_list",
         "entity":{"type":"Shot","id":42,"name":"bunny_010"},"project":{"type":"Project","id":1},
         "user":{"type":"HumanUser","id":3},"session_uuid":"abc","created_at":"2024-01-02T03:04:05Z",
         "meta":{"old_value":"wtg","new_value":"ip"}}
        """));
}
