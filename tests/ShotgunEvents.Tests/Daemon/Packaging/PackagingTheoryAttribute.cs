namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>The theory form of <see cref="PackagingFactAttribute"/>.</summary>
public sealed class PackagingTheoryAttribute : TheoryAttribute
{
    public PackagingTheoryAttribute()
    {
        if (!PackagingFactAttribute.Enabled)
        {
            Skip = PackagingFactAttribute.SkipReason;
        }
    }
}
