namespace ShotgunEvents.Client;

/// <summary>What <see cref="ShotgunClientOptions.OnRetry"/> is told before a failed call is tried again.</summary>
/// <param name="Method">The api3 method, for example <c>read</c>.</param>
/// <param name="Attempt">The attempt that failed, 1 for the first.</param>
/// <param name="Delay">How long the client waits before the next attempt.</param>
/// <param name="Reason">What went wrong, for example <c>HTTP 503</c> or <c>timed out after 30 s</c>.</param>
public sealed record ShotgunRetryNotice(string Method, int Attempt, TimeSpan Delay, string Reason);
