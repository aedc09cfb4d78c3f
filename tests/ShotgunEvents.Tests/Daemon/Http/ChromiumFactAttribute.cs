namespace ShotgunEvents.Tests.Daemon.Http;

/// <summary>A fact that needs a headless chromium; skipped, naming what is missing, where there is none.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
