using System.Diagnostics;
using CliSandbox = ShotgunEvents.Tests.Daemon.Cli.Support.CliSandbox;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// Finds <c>python3</c> and the official Python API's folder: <c>../shared/python-api</c> beside the repository (the
/// client in <c>shotgun_api3/</c> and its live suite in <c>tests/</c>), or the folder named by
/// <c>SHOTGUN_API3_PATH</c>. Probed once per test run.
/// </summary>
internal static class PythonApi
{
    public const string PathVariable = "SHOTGUN_API3_PATH";

    private static readonly Lazy<string?> Probe = new(FindMissing);

    /// <summary>The Python API's folder: <c>SHOTGUN_API3_PATH</c>, else <c>../shared/python-api</c> from the repository root.</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.GetFullPath(Path.Combine(CliSandbox.RepositoryRoot, "..", "shared", "python-api"));

    /// <summary>Null when the Python API can run; otherwise what is missing, for the skip message.</summary>
    public static string? Missing => Probe.Value;

    /// <summary>The Python API's live suite, <c>tests/test_api.py</c> with the files it reads.</summary>
    public static string SuiteFolder => Path.Combine(Folder, "tests");

    private static string? FindMissing()
    {
        if (!File.Exists(Path.Combine(Folder, "shotgun_api3", "__init__.py")))
        {
            return $"the official Python API is not at {Folder} (expected shotgun_api3/ there; set {PathVariable} to a folder holding it)";
        }

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import shotgun_api3, sys; sys.stdout.write(shotgun_api3.__version__)");
        start.Environment["PYTHONPATH"] = Folder;
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
                : $"python3 cannot import shotgun_api3 from {Folder}: {error.Result.Trim().Split('\n').LastOrDefault()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "python3 is not on PATH";
        }
    }
}
