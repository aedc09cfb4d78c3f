using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// Runs the official Python API's live suite (<c>tests/test_api.py</c>, written by its authors against real sites)
/// against an emulator on a free loopback port, the way its README says to point it at a site: a copy of its
/// <c>tests/</c> folder with <c>config</c> written from <c>example_config</c> (same credentials, the emulator's URL).
/// </summary>
internal static partial class LiveSuite
{
    private const string Module = "tests.test_api";

    // Under the test host's hang limit (test.runsettings, 5 min), so a stuck run fails here with its output.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    private static readonly string RunnerScript = Path.Combine(AppContext.BaseDirectory, "Emulator", "PythonApi", "scripts", "run_suite.py");

    /// <summary>Runs the suite once against a new site serving <paramref name="schemaFile"/> (null: the shipped schema).</summary>
    /// <param name="schemaFile">A path inside the suite folder (e.g. <c>mockgun/schema.pickle</c>), or null.</param>
    public static async Task<SuiteResult> RunAsync(string? schemaFile)
    {
        var work = Directory.CreateTempSubdirectory("sgev-pysuite");
        try
        {
            var tests = Path.Combine(work.FullName, "tests");
            CopyFolder(PythonApi.SuiteFolder, tests);
            var example = File.ReadAllText(Path.Combine(tests, "example_config"));
            var scriptName = ConfigValue(example, "script_name");
            var apiKey = ConfigValue(example, "api_key");
            await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
            {
                Port = 0,
                Scripts = [new ScriptCredential(scriptName, apiKey)],
                SchemaPath = schemaFile is null ? null : Path.Combine(tests, schemaFile),
                // The suite reads an uploaded thumbnail back at once and takes the transient placeholder as the sign
                // that the upload worked (base.py find_one_await_thumbnail); a final URL sends it into 10 s retries.
                // Two minutes keeps every thumbnail transient for as long as the suite looks, on any loaded machine.
                ThumbnailProcessing = TimeSpan.FromMinutes(2),
            });
            var url = site.BaseUri.ToString().TrimEnd('/');
            File.WriteAllText(Path.Combine(tests, "config"), ServerUrlLine().Replace(example, $"server_url     : {url}"));

            var clock = Stopwatch.StartNew();
            var resultFile = Path.Combine(work.FullName, "result.json");
            var log = await RunPythonAsync(work.FullName, resultFile);
            if (!File.Exists(resultFile))
            {
                throw new InvalidOperationException($"The suite wrote no result.\n{log}");
            }

            var outcomes = JObject.Parse(File.ReadAllText(resultFile))["outcomes"]!
                .Select(o => new SuiteOutcome((string)o["id"]!, (string)o["outcome"]!, (string?)o["detail"] ?? string.Empty))
                .ToList();
            return new SuiteResult(outcomes, clock.Elapsed);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file the suite left open is gone with the process a moment later; the temp folder is cleaned anyway.
            }
        }
    }

    private static async Task<string> RunPythonAsync(string workDirectory, string resultFile)
    {
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(RunnerScript);
        start.ArgumentList.Add(Module);
        start.ArgumentList.Add(resultFile);
        // The copy's tests package first, then the client. The suite reads SG_<KEY> variables over its config file,
        // and urllib would send the loopback site through a proxy named in the environment: neither may leak in.
        start.Environment["PYTHONPATH"] = string.Join(Path.PathSeparator, workDirectory, PythonApi.Folder);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SG_", StringComparison.OrdinalIgnoreCase)
                     || k.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The Python API's suite did not finish within {Deadline.TotalMinutes} min.\n{Tail(await error)}");
        }

        var log = $"exit code {process.ExitCode}\nstdout:\n{Tail(await output)}\nstderr:\n{Tail(await error)}";
        return process.ExitCode == 0 ? log : throw new InvalidOperationException($"The suite runner failed: {log}");
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];

    private static string ConfigValue(string config, string key) =>
        config.Split('\n').Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == key)?[1].Trim()
        ?? throw new InvalidOperationException($"The suite's example_config has no {key}.");

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) != "__pycache__"))
        {
            CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    [GeneratedRegex(@"^server_url\s*:.*$", RegexOptions.Multiline)]
    private static partial Regex ServerUrlLine();
}
