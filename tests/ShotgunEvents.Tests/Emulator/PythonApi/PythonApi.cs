using System.Diagnostics;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// Finds <c>python3</c> and an importable <c>shotgun_api3</c> (installed, on <c>PYTHONPATH</c>, or in the folder named by
/// <c>SHOTGUN_API3_PATH</c>, which must hold the <c>shotgun_api3</c> package). Probed once per test run.
/// </summary>
internal static class PythonApi
{
    public const string PathVariable = "SHOTGUN_API3_PATH";

    private static readonly Lazy<string?> Probe = new(FindMissing);

    /// <summary>Null when the scripts can run; otherwise what is missing, for the skip message.</summary>
    public static string? Missing => Probe.Value;

    /// <summary>The extra PYTHONPATH the scripts need: SHOTGUN_API3_PATH, then the inherited PYTHONPATH.</summary>
    public static string PythonPath => string.Join(Path.PathSeparator,
        new[] { Environment.GetEnvironmentVariable(PathVariable), Environment.GetEnvironmentVariable("PYTHONPATH") }.Where(p => !string.IsNullOrEmpty(p)));

    private static string? FindMissing()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import shotgun_api3, sys; sys.stdout.write(shotgun_api3.__version__)");
        start.Environment["PYTHONPATH"] = PythonPath;
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return "python3 could not be started";
            }

            var version = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return "python3 did not answer within 30 s";
            }

            return process.ExitCode == 0
                ? null
                : $"python3 cannot import shotgun_api3 (install it, or set {PathVariable} to a folder holding the shotgun_api3 package): {error.Result.Trim().Split('\n').LastOrDefault()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "python3 is not on PATH";
        }
    }
}
