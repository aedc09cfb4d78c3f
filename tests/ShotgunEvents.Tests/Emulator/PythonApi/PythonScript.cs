using System.Diagnostics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>Runs one script of <c>scripts/</c> with python3 against a site and returns the JSON it reports last.</summary>
internal static class PythonScript
{
    private static readonly string ScriptsDirectory = Path.Combine(AppContext.BaseDirectory, "Emulator", "PythonApi", "scripts");

    public static async Task<JObject> RunAsync(TestSite site, string script, string workDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = ScriptsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(ScriptsDirectory, script));
        start.Environment["PYTHONPATH"] = string.Join(Path.PathSeparator, ScriptsDirectory, PythonApi.Folder);
        start.Environment["SG_URL"] = site.Server.BaseUri.ToString().TrimEnd('/');
        start.Environment["SG_SCRIPT"] = TestSite.ScriptName;
        start.Environment["SG_KEY"] = TestSite.ScriptKey;
        start.Environment["SG_WORK"] = workDirectory;
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        // Keep the client from waiting 3 s between retries if the emulator ever hiccups.
        start.Environment["SHOTGUN_API_RETRY_INTERVAL"] = "10";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 120 s.\nstdout:\n{await output}\nstderr:\n{await error}");
        }

        var stdout = await output;
        Assert.True(process.ExitCode == 0, $"{script} exited with {process.ExitCode}.\nstdout:\n{stdout}\nstderr:\n{await error}");
        var last = stdout.TrimEnd().Split('\n').Last();
        using var reader = new JsonTextReader(new StringReader(last)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
