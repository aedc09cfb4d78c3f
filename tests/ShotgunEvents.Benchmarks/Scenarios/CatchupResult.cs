using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>One daemon catch-up run.</summary>
/// <param name="Events">Events in the log.</param>
/// <param name="Seconds">From the engine's start signal until every cursor was at the head.</param>
/// <param name="Rate">Events per second.</param>
/// <param name="LoadSeconds">Config, runtime and plugin loading before the start signal.</param>
/// <param name="Polls">Main queries the poller made.</param>
/// <param name="Plugins">Plugin lanes.</param>
/// <param name="MinHandled">The fewest events any plugin handled (every plugin must handle every event).</param>
/// <param name="CpuMicroseconds">The harness process's CPU time per event (site, client and engine together).</param>
/// <param name="PeakReadsInFlight">The most catch-up reads the poller had in flight at once.</param>
/// <param name="StateWrites">State files the checkpoint writer wrote during the run (the one at start included).</param>
/// <param name="Gc">The process's allocations and collections during the run.</param>
/// <param name="WriteMilliseconds">How long each state file write took (serialise, write, fsync, rename, directory fsync).</param>
internal sealed record CatchupResult(int Events, double Seconds, double Rate, double LoadSeconds, long Polls, int Plugins, long MinHandled,
    double CpuMicroseconds, int PeakReadsInFlight, long StateWrites, GcTally Gc, Percentiles WriteMilliseconds);
