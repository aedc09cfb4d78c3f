namespace ShotgunEvents.Client.Transport;

/// <summary>The state of one api3 call across its attempts.</summary>
/// <param name="Method">The api3 method name.</param>
/// <param name="Body">The request body, serialized once.</param>
internal sealed record RpcCall(string Method, string Body)
{
    private int _attempts;

    /// <summary>How many attempts have started.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Counts one more attempt.</summary>
    public void CountAttempt() => Interlocked.Increment(ref _attempts);
}
