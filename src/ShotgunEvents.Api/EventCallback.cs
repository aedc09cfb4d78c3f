using NLog;

namespace ShotgunEvents.Api;

/// <summary>A synchronous callback: <c>void OnEvent(IShotgun sg, Logger logger, ShotgunEvent evt, object? args)</c>.</summary>
/// <param name="sg">The callback's own connection to the site (created on first use; see <see cref="Registrar.RegisterCallback(string?, string?, EventCallback, MatchEvents?, object?, bool)"/>).</param>
/// <param name="logger">The callback's logger, <c>plugin.&lt;plugin&gt;.&lt;callback&gt;</c>.</param>
/// <param name="evt">The event.</param>
/// <param name="args">The object given at registration, the same instance every time.</param>
public delegate void EventCallback(IShotgun sg, Logger logger, ShotgunEvent evt, object? args);
