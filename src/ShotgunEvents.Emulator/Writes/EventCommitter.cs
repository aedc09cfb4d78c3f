using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>Appends a transaction's events to the log: consecutive ids, one <c>created_at</c>, late-commit delays applied.</summary>
internal static class EventCommitter
{
    /// <returns>The commit's time.</returns>
    public static DateTimeOffset Commit(SiteData site, IReadOnlyList<PendingEvent> events)
    {
        var log = site.Events;
        var now = site.Now;
        var nowMs = now.ToUnixTimeMilliseconds();
        log.PruneVisible(nowMs);
        foreach (var pending in events)
        {
            var id = log.AllocateId(out var delay);
            var row = new EventRow
            {
                Id = id,
                EventType = log.Strings.Intern(pending.EventType),
                Attribute = log.Strings.Intern(pending.AttributeName),
                EntityType = log.Strings.Intern(pending.Entity?.Type),
                EntityId = pending.Entity?.Id ?? 0,
                UserType = log.Strings.Intern(pending.User?.Type),
                UserId = pending.User?.Id ?? 0,
                ProjectId = pending.ProjectId,
                Session = log.Sessions.Intern(pending.SessionUuid),
                CreatedAt = now.ToUnixTimeSeconds(),
                Payload = new EventPayload(pending.Meta, pending.Description, isTemplate: false),
            };
            log.Append(row, delay > TimeSpan.Zero ? nowMs + (long)delay.TotalMilliseconds : 0);
            pending.OnCommitted?.Invoke(id);
        }

        return now;
    }
}
