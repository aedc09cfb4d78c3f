using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>
/// The only writer of stdout: one compact JSON object per line. Everything else that writes to
/// <see cref="Console.Out"/> is sent to stderr (see <see cref="Capture"/>).
/// </summary>
internal static class ResultWriter
{
    private static readonly Lock Gate = new();
    private static TextWriter _stdout = Console.Out;

    /// <summary>Keeps the real stdout for results and points <see cref="Console.Out"/> at stderr.</summary>
    public static void Capture()
    {
        _stdout = Console.Out;
        Console.SetOut(Console.Error);
    }

    public static void Write(JObject result)
    {
        var line = result.ToString(Formatting.None);
        lock (Gate)
        {
            _stdout.WriteLine(line);
            _stdout.Flush();
        }
    }

    /// <summary>Passes through a line a child process printed, if it is a JSON object.</summary>
    public static bool Relay(string line)
    {
        if (!line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            Write(JObject.Parse(line));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Rounds a measurement for the output (3 decimals keep ms resolution without noise digits).</summary>
    public static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : -1;
}
