using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>checkpoint</c>: the catch-up run with the state file written after every batch (<c>state_checkpoint = batch</c>)
/// versus never during the run (<c>state_checkpoint = 86400</c>). Target: batch rate ≥ 0.95 × never rate. The
/// variants alternate A-B-B-A so a drift in the machine's load hits both alike; each variant's rate is its median.
/// </summary>
internal static class CheckpointScenario
{
    public const double TargetRatio = 0.95;

    public static async Task<ScenarioReport> RunAsync(ThroughputBench bench, Sizes sizes, bool quick)
    {

        var batch = new List<CatchupResult>();
        var never = new List<CatchupResult>();
        for (var round = 0; round < sizes.CheckpointRounds; round++)
        {
            foreach (var everyBatch in new[] { true, false, false, true })
            {
                var result = await bench.DaemonAsync(sizes.BatchSize, everyBatch ? "batch" : "86400").ConfigureAwait(false);
                (everyBatch ? batch : never).Add(result);
                Progress.Info($"checkpoint: {(everyBatch ? "batch" : "never")} {result.Rate:0} events/s");
            }
        }

        var batchRate = Percentiles.Median(batch.Select(r => r.Rate));
        var neverRate = Percentiles.Median(never.Select(r => r.Rate));
        var ratio = batchRate / neverRate;
        var writes = new Percentiles(batch.SelectMany(r => r.WriteMilliseconds.Values));
        return new ScenarioReport("checkpoint", quick)
            .Add("events", batch[0].Events)
            .Add("runs_per_variant", batch.Count)
            .Add("batch_events_per_s", batchRate)
            .Add("batch_cpu_us_per_event", Percentiles.Median(batch.Select(r => r.CpuMicroseconds)))
            .Add("never_cpu_us_per_event", Percentiles.Median(never.Select(r => r.CpuMicroseconds)))
            .Add("never_events_per_s", neverRate)
            .Add("batch_state_writes", batch[0].StateWrites)
            .Add("batch_state_writes_per_poll", (double)batch[0].StateWrites / Math.Max(1, batch[0].Polls))
            .Add("never_state_writes", never[0].StateWrites)
            .Add("batch_write_ms_p50", writes.At(50))
            .Add("batch_write_ms_p90", writes.At(90))
            .Add("batch_write_ms_p99", writes.At(99))
            .Add("batch_runs_events_per_s", new Newtonsoft.Json.Linq.JArray(batch.Select(r => ResultWriter.Round(r.Rate))))
            .Add("never_runs_events_per_s", new Newtonsoft.Json.Linq.JArray(never.Select(r => ResultWriter.Round(r.Rate))))
            .Target(ratio, $"batch_events_per_s >= {TargetRatio} x never_events_per_s", ratio >= TargetRatio);
    }
}
