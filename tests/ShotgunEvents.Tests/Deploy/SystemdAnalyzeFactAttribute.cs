namespace ShotgunEvents.Tests.Deploy;

/// <summary>A fact that needs systemd-analyze; skipped, saying so, where it is not installed.</summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public SystemdAnalyzeFactAttribute()
    {
        if (SystemdUnitTests.SystemdAnalyze is null)
        {
            Skip = "systemd-analyze is not installed (Debian: apt-get install systemd)";
        }
    }
}
