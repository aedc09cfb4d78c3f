namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>
/// Scenarios that share one process: <c>latency</c> and <c>isolation</c> must run back to back in one process;
/// <c>catchup</c> and <c>checkpoint</c> share their seeded site and warm-up; <c>startup</c> and <c>footprint</c> share
/// their site, plugins and first daemon process. Every group gets a fresh process when several run,
/// so one scenario's heap and JIT state do not bleed into another's memory or timing.
/// </summary>
internal sealed record ScenarioGroup(string Name, IReadOnlyList<string> Members)
{
    private static readonly ScenarioGroup[] All =
    [
        new("throughput", ["catchup", "checkpoint"]),
        new("live", ["latency", "isolation"]),
        new("reload", ["reload"]),
        new("process", ["startup", "footprint"]),
        new("remote", ["catchup_remote"]),
        new("schema", ["schema_load"]),
        new("doorbell", ["doorbell"]),
    ];

    /// <summary>
    /// The groups in the order they run, each stage one or more groups run side by side: every group alone, except
    /// that with <paramref name="overlapIdle"/> the <c>reload</c> group shares a stage with the <c>live</c> group.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ScenarioGroup>> Stages(IReadOnlyList<ScenarioGroup> groups, bool overlapIdle)
    {
        var stages = new List<IReadOnlyList<ScenarioGroup>>();
        var live = groups.FirstOrDefault(g => g.Name == "live");
        var reload = groups.FirstOrDefault(g => g.Name == "reload");
        foreach (var group in groups)
        {
            if (overlapIdle && live is not null && reload is not null)
            {
                if (group == reload)
                {
                    continue;
                }

                if (group == live)
                {
                    stages.Add([live, reload]);
                    continue;
                }
            }

            stages.Add([group]);
        }

        return stages;
    }

    /// <summary>The groups holding <paramref name="scenarios"/>, each narrowed to the scenarios asked for.</summary>
    public static IReadOnlyList<ScenarioGroup> For(IReadOnlyList<string> scenarios) =>
        [.. All.Select(g => g with { Members = [.. g.Members.Where(scenarios.Contains)] }).Where(g => g.Members.Count > 0)];
}
