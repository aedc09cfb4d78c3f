using NLog;

namespace ShotgunEvents.Api;

/// <summary>
/// An asynchronous callback that also takes the daemon's shutdown token:
/// <c>async Task OnEvent(IShotgun sg, Logger logger, ShotgunEvent evt, object? args, CancellationToken cancellationToken)</c>.
/// </summary>
/// <remarks>
/// The token is cancelled when the daemon stops (SIGTERM, SIGINT). Pass it to every <see cref="IShotgun"/> call
/// and long wait so the daemon can stop promptly; a callback that ends with an <see cref="OperationCanceledException"/>
/// after the token was cancelled is not an error: the event is simply not marked handled and comes again at the next start.
/// A callback that runs longer than the configured callback timeout is only reported as stuck, never cancelled.
/// </remarks>
/// <param name="sg">The callback's own connection to the site (created on first use).</param>
/// <param name="logger">The callback's logger, <c>plugin.&lt;plugin&gt;.&lt;callback&gt;</c>.</param>
/// <param name="evt">The event.</param>
/// <param name="args">The object given at registration, the same instance every time.</param>
/// <param name="cancellationToken">Cancelled when the daemon shuts down.</param>
/// <returns>A task the daemon awaits before the next callback or event.</returns>
public delegate Task CancellableEventCallback(IShotgun sg, Logger logger, ShotgunEvent evt, object? args, CancellationToken cancellationToken);
