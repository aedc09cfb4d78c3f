namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>A temporary directory for one scenario group; removed afterwards.</summary>
internal sealed class Workspace : IDisposable
{
    private int _next;

    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "sgevents-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A new empty sub-directory.</summary>
    public string NewDirectory(string name)
    {
        var path = Path.Combine(Root, $"{name}-{Interlocked.Increment(ref _next)}");
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException ex)
        {
            Progress.Warn($"Could not remove {Root}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            Progress.Warn($"Could not remove {Root}: {ex.Message}");
        }
    }
}
