namespace ShotgunEvents.Daemon.State;

/// <summary>Missing event ids waited for until <see cref="Expires"/> (site time).</summary>
/// <param name="Ids">The missing ids.</param>
/// <param name="Expires">When to stop waiting, on the site's clock (<see cref="SiteClock"/>).</param>
internal sealed record BacklogRange(IdRange Ids, DateTimeOffset Expires)
{
    /// <summary>The first missing id.</summary>
    public long From => Ids.From;

    /// <summary>The last missing id.</summary>
    public long To => Ids.To;
}
