using System.Threading.Channels;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>
/// The poll loop's mailbox: lanes, the engine and the webhook post here, the poll loop alone reads. Wakes are merged:
/// one waiting is enough, however many lanes made room or webhooks rang.
/// </summary>
internal sealed class PollerInbox
{
    private readonly Channel<PollerMessage> _channel = Channel.CreateUnbounded<PollerMessage>(new UnboundedChannelOptions { SingleReader = true });
    private int _wakePending;

    /// <summary>Posts a message (any thread).</summary>
    public void Post(PollerMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Ends the poller's wait between polls early (any thread).</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _channel.Writer.TryWrite(new PollerMessage(PollerMessageKind.Wake));
        }
    }

    /// <summary>Takes the next message, if any (poll loop only).</summary>
    public bool TryRead(out PollerMessage message)
    {
        if (!_channel.Reader.TryRead(out message))
        {
            return false;
        }

        if (message.Kind == PollerMessageKind.Wake)
        {
            Volatile.Write(ref _wakePending, 0);
        }

        return true;
    }

    /// <summary>Waits until a message is there or <paramref name="timeout"/> passes (poll loop only).</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryPeek(out _))
        {
            return;
        }

        try
        {
            await _channel.Reader.WaitToReadAsync(cancellationToken).AsTask().WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The interval is up.
        }
    }
}
