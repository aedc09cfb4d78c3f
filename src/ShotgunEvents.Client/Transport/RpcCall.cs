namespace ShotgunEvents.Client.Transport;

/// <summary>The state of one api3 call across its attempts.</summary>
internal sealed class RpcCall
{
    private int _attempts;

    public RpcCall(string method, string body, Action<ShotgunRetryNotice>? onRetry = null)
    {
        Method = method;
        Body = body;
        OnRetry = onRetry;
    }

    /// <summary>The calling connection's own retry observer, besides the pool's.</summary>
    public Action<ShotgunRetryNotice>? OnRetry { get; }

    /// <summary>The api3 method name.</summary>
    public string Method { get; }

    /// <summary>The request body, serialized once for every attempt.</summary>
    public string Body { get; }

    /// <summary>How many attempts have started.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Counts one more attempt.</summary>
    public void CountAttempt() => Interlocked.Increment(ref _attempts);
}
