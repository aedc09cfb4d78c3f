namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// Who follows what (api3 <c>follow</c>/<c>unfollow</c>/<c>followers</c>/<c>following</c>), in the order the follows
/// were made. A site keeps this outside its entity tables (no entity type for it appears in <c>schema_read</c>), so it
/// is kept beside them here and saved in the snapshot's own section.
/// </summary>
internal sealed class FollowTable
{
    private readonly List<Follow> _order = [];
    private readonly HashSet<Follow> _set = [];

    public IReadOnlyList<Follow> All => _order;

    /// <summary>Adds the follow; false when the user already followed the entity (a site then changes nothing).</summary>
    public bool Add(EntityKey user, EntityKey entity)
    {
        var follow = new Follow(user, entity);
        if (!_set.Add(follow))
        {
            return false;
        }

        _order.Add(follow);
        return true;
    }

    /// <summary>Removes the follow; false when there was none.</summary>
    public bool Remove(EntityKey user, EntityKey entity)
    {
        var follow = new Follow(user, entity);
        if (!_set.Remove(follow))
        {
            return false;
        }

        _order.Remove(follow);
        return true;
    }

    public IEnumerable<EntityKey> FollowersOf(EntityKey entity) => _order.Where(f => f.Entity == entity).Select(f => f.User);

    public IEnumerable<EntityKey> FollowedBy(EntityKey user) => _order.Where(f => f.User == user).Select(f => f.Entity);
}
