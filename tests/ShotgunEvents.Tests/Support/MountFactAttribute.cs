namespace ShotgunEvents.Tests.Support;

/// <summary>A fact that needs <see cref="ReadOnlyMount"/>; skipped, saying why, where mounts cannot be made.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (ReadOnlyMount.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
