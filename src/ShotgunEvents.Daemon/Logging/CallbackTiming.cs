namespace ShotgunEvents.Daemon.Logging;

/// <summary>One callback run, as the timing log sees it.</summary>
/// <param name="PluginName">The plugin (file stem).</param>
/// <param name="CallbackName">The callback.</param>
/// <param name="EventId">The event it ran on.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Error">True when it threw.</param>
/// <param name="End">When it returned or threw.</param>
internal readonly record struct CallbackTiming(string PluginName, string CallbackName, long EventId, TimeSpan Duration, bool Error, DateTimeOffset End);
