using System.Globalization;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>The harness process's memory after full garbage collections.</summary>
/// <param name="ManagedMiB">Managed heap in use.</param>
/// <param name="WorkingSetMiB">Resident set.</param>
/// <param name="GcCommittedMiB">Memory the garbage collector has committed (heap plus its reserve).</param>
/// <param name="AnonymousMiB">Resident anonymous memory (heaps, JIT code; Linux only, else -1).</param>
/// <param name="FileMiB">Resident file-backed memory (mapped assemblies; Linux only, else -1).</param>
/// <param name="SharedMiB">Resident shared memory (with W^X on, the JIT's code is double-mapped shared memory; Linux only, else -1).</param>
internal readonly record struct MemorySample(double ManagedMiB, double WorkingSetMiB, double GcCommittedMiB, double AnonymousMiB, double FileMiB,
    double SharedMiB)
{
    private const double MiB = 1024.0 * 1024.0;

    public static MemorySample Take()
    {
        FullCollect();
        return new MemorySample(GC.GetTotalMemory(forceFullCollection: false) / MiB, Environment.WorkingSet / MiB,
            GC.GetGCMemoryInfo().TotalCommittedBytes / MiB, ProcStatus("RssAnon:"), ProcStatus("RssFile:"), ProcStatus("RssShmem:"));
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

    private static double ProcStatus(string field)
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
