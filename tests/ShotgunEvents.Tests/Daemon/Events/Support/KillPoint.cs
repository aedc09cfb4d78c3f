namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>What the crash test saw right after a SIGKILL: each plugin's checkpointed id and how many lines it had recorded.</summary>
internal sealed record KillPoint(IReadOnlyDictionary<string, long> Checkpoint, IReadOnlyDictionary<string, int> Recorded);
