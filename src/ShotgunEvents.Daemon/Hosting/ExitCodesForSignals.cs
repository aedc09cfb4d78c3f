namespace ShotgunEvents.Daemon.Hosting;

/// <summary>Exit codes for signal-driven exits.</summary>
internal static class ExitCodesForSignals
{
    /// <summary>A second stop signal: 128 + SIGINT, as shells report an interrupted program.</summary>
    public const int Immediate = 130;
}
