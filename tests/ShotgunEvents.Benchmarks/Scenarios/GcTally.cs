using System.Runtime;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// What the garbage collector did over one measured run of the whole process (site, client and engine together): bytes
/// allocated per event and collections by generation. Catching up is allocation-bound, so these explain its CPU time.
/// </summary>
internal sealed class GcTally
{
    private readonly long _allocated;
    private readonly int[] _collections;

    private GcTally(long allocated, int[] collections)
    {
        _allocated = allocated;
        _collections = collections;
    }

    /// <summary>Bytes allocated per event during the run (after <see cref="Stop"/>).</summary>
    public double BytesPerEvent { get; private init; }

    /// <summary>Collections of generation 0, 1 and 2 during the run (after <see cref="Stop"/>).</summary>
    public IReadOnlyList<int> Collections => _collections;

    /// <summary>The GC mode the process runs in, as the runtime reports it.</summary>
    public static string Mode => (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent");

    public static GcTally Start() => new(GC.GetTotalAllocatedBytes(precise: true), [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)]);

    public GcTally Stop(long events)
    {
        int[] now = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        return new GcTally(_allocated, [now[0] - _collections[0], now[1] - _collections[1], now[2] - _collections[2]])
        {
            BytesPerEvent = (GC.GetTotalAllocatedBytes(precise: true) - _allocated) / (double)Math.Max(1, events),
        };
    }
}
