using System.Diagnostics;
using ShotgunEvents.Benchmarks.Scenarios;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>Runs scenario groups: in this process, or each in a child process whose result lines are relayed.</summary>
internal static class ScenarioSuite
{
    /// <returns>True when every scenario produced its result (met or not).</returns>
    public static async Task<bool> RunHereAsync(ScenarioGroup group, BenchmarkArguments arguments)
    {
        var sizes = Sizes.For(arguments.Quick);
        var quick = arguments.Quick;
        var members = group.Members;
        try
        {
            var reports = group.Name switch
            {
                "throughput" => await ThroughputAsync(sizes, quick, members).ConfigureAwait(false),
                "reload" => [await ReloadScenario.RunAsync(sizes, quick).ConfigureAwait(false)],
                "remote" => [await RemoteCatchupScenario.RunAsync(sizes, quick).ConfigureAwait(false)],
                "live" => await LiveScenarios.RunAsync(sizes, quick, members.Contains("latency"), members.Contains("isolation")).ConfigureAwait(false),
                "process" => await ProcessScenarios.RunAsync(sizes, quick, members.Contains("startup"), members.Contains("footprint")).ConfigureAwait(false),
                "schema" => [await SchemaLoadScenario.RunAsync(quick).ConfigureAwait(false)],
                "doorbell" => [await DoorbellScenario.RunAsync(sizes, quick).ConfigureAwait(false)],
                _ => throw new ArgumentException($"Unknown group {group.Name}."),
            };
            foreach (var report in reports)
            {
                ResultWriter.Write(report.ToJson());
            }

            return true;
        }
#pragma warning disable CA1031 // One scenario failing must still print its line and let the others run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Progress.Warn($"{group.Name} failed: {ex}");
            foreach (var member in members)
            {
                ResultWriter.Write(ScenarioReport.Failed(member, quick, ex));
            }

            return false;
        }
    }

    private static async Task<IReadOnlyList<ScenarioReport>> ThroughputAsync(Sizes sizes, bool quick, IReadOnlyList<string> members)
    {
        await using var bench = await ThroughputBench.StartAsync(sizes.CatchupEvents, sizes.BatchSize).ConfigureAwait(false);
        var reports = new List<ScenarioReport>();
        if (members.Contains("catchup"))
        {
            reports.Add(await CatchupScenario.RunAsync(bench, sizes, quick).ConfigureAwait(false));
        }

        if (members.Contains("checkpoint"))
        {
            reports.Add(await CheckpointScenario.RunAsync(bench, sizes, quick).ConfigureAwait(false));
        }

        return reports;
    }

    public static async Task<bool> RunInChildAsync(ScenarioGroup group, BenchmarkArguments arguments)
    {
        var info = SelfStartInfo();
        info.ArgumentList.Add("--scenario");
        info.ArgumentList.Add(string.Join(',', group.Members));
        foreach (var option in arguments.ChildSwitches())
        {
            info.ArgumentList.Add(option);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        using var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start a child process.");
        var printed = 0;
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (ResultWriter.Relay(line))
            {
                printed++;
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }

        await child.WaitForExitAsync().ConfigureAwait(false);
        if (printed < group.Members.Count)
        {
            var error = new InvalidOperationException($"The {group.Name} process exited with code {child.ExitCode} before printing its results.");
            foreach (var member in group.Members.Skip(printed))
            {
                ResultWriter.Write(ScenarioReport.Failed(member, arguments.Quick, error));
            }

            return false;
        }

        return child.ExitCode == 0;
    }

    /// <summary>This program again: its app host, or <c>dotnet</c> with its dll.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(ScenarioSuite).Assembly.Location;
        return Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo(self) { ArgumentList = { dll } }
            : new ProcessStartInfo(self);
    }
}
