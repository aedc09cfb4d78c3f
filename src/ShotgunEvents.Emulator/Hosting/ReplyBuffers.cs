using Microsoft.IO;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary>
/// The pool api3 answers are written into before they are sent. A growing array doubled its way to a 500-row page
/// (half a megabyte) through three large-object-heap arrays per answer, which made the garbage collector run full
/// collections every few pages; pooled blocks are reused instead.
/// </summary>
internal static class ReplyBuffers
{
    /// <summary>What the pool keeps when idle: the answers of many concurrent reads.</summary>
    private const long IdleBytesKept = 32L * 1024 * 1024;

    /// <summary>The shared pool.</summary>
    public static RecyclableMemoryStreamManager Manager { get; } = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = IdleBytesKept,
        MaximumLargePoolFreeBytes = IdleBytesKept / 2,
    });
}
