namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>
/// How many callback runs a plugin skipped, by reason. Written only by the plugin's lane (one event at a time);
/// read by <c>status</c> and <c>/metrics</c> from any thread.
/// </summary>
internal sealed class SkipCounters
{
    /// <summary>Every reason, in the order the counts are shown.</summary>
    public static readonly SkipReason[] Reasons = Enum.GetValues<SkipReason>();

    private readonly long[] _counts = new long[Reasons.Length];

    /// <summary>The label of a reason in <c>status</c> and <c>/metrics</c>.</summary>
    public static string Label(SkipReason reason) => reason switch
    {
        SkipReason.Project => "project",
        SkipReason.User => "user",
        SkipReason.CallbackProject => "callback_project",
        SkipReason.OwnWrite => "own_write",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>Counts one skip.</summary>
    public void Add(SkipReason reason) => Interlocked.Increment(ref _counts[(int)reason]);

    /// <summary>The count for a reason.</summary>
    public long this[SkipReason reason] => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>The total of every reason.</summary>
    public long Total => Reasons.Sum(r => this[r]);
}
