using System.Diagnostics;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>Progress lines on stderr (stdout carries only the JSON results).</summary>
internal static class Progress
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static bool Verbose { get; set; }

    public static void Info(string message)
    {
        if (Verbose)
        {
            Write(message);
        }
    }

    public static void Warn(string message) => Write(message);

    private static void Write(string message) =>
        Console.Error.WriteLine($"[bench {Stopwatch.GetElapsedTime(Start).TotalSeconds,7:0.00}s] {message}");
}
