namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>
/// A packaging test: it builds the daemon anew (pack or publish), minutes on a loaded two-core machine, more than the
/// suite's per-test limit. It runs when <c>SHOTGUN_EVENTS_PACKAGING_TESTS=1</c>, as <c>.ci/run</c>'s second pass sets it
/// (with packaging.runsettings' longer limits); in the plain suite it is skipped, saying how to run it.
/// </summary>
public sealed class PackagingFactAttribute : FactAttribute
{
    public const string Variable = "SHOTGUN_EVENTS_PACKAGING_TESTS";

    public PackagingFactAttribute()
    {
        if (!Enabled)
        {
            Skip = SkipReason;
        }
    }

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public static string SkipReason =>
        $"builds the daemon anew (minutes): {Variable}=1 dotnet test tests/ShotgunEvents.Tests --filter FullyQualifiedName~Daemon.Packaging " +
        "--settings tests/ShotgunEvents.Tests/packaging.runsettings (.ci/run does)";
}
