namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>The harness process's memory after full garbage collections.</summary>
/// <param name="ManagedMiB">Managed heap in use.</param>
/// <param name="WorkingSetMiB">Resident set.</param>
internal readonly record struct MemorySample(double ManagedMiB, double WorkingSetMiB)
{
    private const double MiB = 1024.0 * 1024.0;

    public static MemorySample Take()
    {
        FullCollect();
        return new MemorySample(GC.GetTotalMemory(forceFullCollection: false) / MiB, Environment.WorkingSet / MiB);
    }

    /// <summary>
    /// Full, compacting collections, with finalizers run in between (unloading a load context needs two); the last one
    /// aggressive, so memory the collector merely keeps in reserve is returned and the working set shows what is held.
    /// </summary>
    public static void FullCollect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
