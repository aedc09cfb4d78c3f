using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>A compiled filter: a condition or an and/or group.</summary>
internal abstract class FilterNode
{
    public abstract bool Matches(IRow row, SiteData site);
}
