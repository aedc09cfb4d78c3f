namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>The site's newest event as the poller last saw it: what every plugin's lag is measured against.</summary>
/// <param name="Id">Its id (0 when the log is empty).</param>
/// <param name="CreatedAt">Its <c>created_at</c>, or null when the log is empty.</param>
/// <param name="SeenAt">When the poller learnt it (a <see cref="TimeProvider"/> timestamp).</param>
internal sealed record SiteHead(long Id, DateTimeOffset? CreatedAt, long SeenAt);
