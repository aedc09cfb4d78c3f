namespace ShotgunEvents.Daemon.Plugins.Running;

/// <summary>What running a plugin's callbacks on one event gave.</summary>
/// <param name="Outcome">Handled or Failed.</param>
/// <param name="Failure">For Failed: which callback failed and why.</param>
internal readonly record struct CallbackRunResult(PluginOutcome Outcome, string? Failure);
