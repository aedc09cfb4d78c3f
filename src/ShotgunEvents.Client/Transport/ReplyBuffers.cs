using Microsoft.IO;

namespace ShotgunEvents.Client.Transport;

/// <summary>
/// The pool every answer's body is read into. A 500-row event page is about half a megabyte: read into a fresh array
/// it lands on the large object heap, and on a daemon catching up that forced a full collection every few pages
/// (38 gen-2 collections in 400 pages, measured with the <c>catchup</c> benchmark). Pooled blocks are reused instead.
/// </summary>
internal static class ReplyBuffers
{
    /// <summary>What the pool keeps when idle: enough for the reads in flight at the widest catch-up, with room to spare.</summary>
    private const long IdleBytesKept = 32L * 1024 * 1024;

    /// <summary>The shared pool.</summary>
    public static RecyclableMemoryStreamManager Manager { get; } = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = IdleBytesKept,
        MaximumLargePoolFreeBytes = IdleBytesKept / 2,
    });
}
