using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>What a live run measured.</summary>
/// <param name="Events">Measured events written.</param>
/// <param name="Plugins">Reporting (fast) plugins.</param>
/// <param name="Latency">Callback start − visibility, in ms, over every (fast plugin, event) pair.</param>
/// <param name="SlowHandled">Events the slow plugin had started by the end (0 without it).</param>
/// <param name="Polls">Main queries the poller made.</param>
internal sealed record LiveResult(int Events, int Plugins, Percentiles Latency, int SlowHandled, long Polls);
