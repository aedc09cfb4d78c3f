using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>Told, under the store's write lock, about the events one write just appended. Must be quick and must not throw.</summary>
internal interface ICommitListener
{
    /// <param name="site">The site (the lock is held).</param>
    /// <param name="firstIndex">The log index of the first appended event.</param>
    /// <param name="count">How many events were appended.</param>
    /// <param name="committedAt">The commit's time (the events' <c>created_at</c>).</param>
    void OnCommitted(SiteData site, int firstIndex, int count, DateTimeOffset committedAt);
}
