using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>A <c>{"logical_operator": "and"|"or", "conditions": [...]}</c> group. An empty group matches every row.</summary>
internal sealed class GroupFilter(bool isOr, IReadOnlyList<FilterNode> children) : FilterNode
{
    public bool IsOr { get; } = isOr;

    public IReadOnlyList<FilterNode> Children { get; } = children;

    public override bool Matches(IRow row, SiteData site)
    {
        if (Children.Count == 0)
        {
            return true;
        }

        foreach (var child in Children)
        {
            if (child.Matches(row, site) == IsOr)
            {
                return IsOr;
            }
        }

        return !IsOr;
    }
}
