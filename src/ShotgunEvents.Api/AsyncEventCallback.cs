using NLog;

namespace ShotgunEvents.Api;

/// <summary>An asynchronous callback: <c>async Task OnEvent(IShotgun sg, Logger logger, ShotgunEvent evt, object? args)</c>.</summary>
/// <param name="sg">The callback's own connection to the site (created on first use).</param>
/// <param name="logger">The callback's logger, <c>plugin.&lt;plugin&gt;.&lt;callback&gt;</c>.</param>
/// <param name="evt">The event.</param>
/// <param name="args">The object given at registration, the same instance every time.</param>
/// <returns>A task the daemon awaits before the next callback or event.</returns>
public delegate Task AsyncEventCallback(IShotgun sg, Logger logger, ShotgunEvent evt, object? args);
