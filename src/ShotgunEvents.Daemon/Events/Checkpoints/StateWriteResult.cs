namespace ShotgunEvents.Daemon.Events.Checkpoints;

/// <summary>How the last write of the state file went.</summary>
/// <param name="Written">True when the file now holds the state that was asked for.</param>
/// <param name="Error">Why not, when it was not written.</param>
internal sealed record StateWriteResult(bool Written, string? Error);
