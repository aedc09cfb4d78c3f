namespace ShotgunEvents.Daemon.State;

/// <summary>A run of consecutive event ids, <see cref="From"/> to <see cref="To"/> inclusive; prints as <c>5</c> or <c>5-9</c>.</summary>
/// <param name="From">The first id.</param>
/// <param name="To">The last id (at least <paramref name="From"/>).</param>
internal readonly record struct IdRange(long From, long To)
{
    /// <summary>How many ids the range holds.</summary>
    public long Count => To - From + 1;

    /// <summary>True when <paramref name="id"/> lies in the range.</summary>
    public bool Contains(long id) => id >= From && id <= To;

    /// <summary><c>5</c> for one id, <c>5-9</c> for several: the form log lines use.</summary>
    public override string ToString() => From == To ? $"{From}" : $"{From}-{To}";
}
