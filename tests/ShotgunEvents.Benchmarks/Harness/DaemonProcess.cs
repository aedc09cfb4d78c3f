using System.Diagnostics;
using System.Globalization;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>
/// The real daemon as its own process: <c>ShotgunEvents.Daemon run --config FILE</c>, from the build output beside the
/// harness. Its console output is kept (the last lines) for error reports, never copied to stdout.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private const int KeptLines = 10_000;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private DaemonProcess(Process process, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    /// <summary>Where the daemon binary is: the build output beside the harness, or the <c>--daemon DIR</c> given.</summary>
    public static string Directory { get; set; } = AppContext.BaseDirectory;

    /// <summary>Whether <see cref="Directory"/> holds ReadyToRun code (a <c>dotnet publish -r</c> output).</summary>
    public static bool IsReadyToRun => IsReadyToRunImage(Path.Combine(Directory, "ShotgunEvents.Daemon.dll"));

    /// <summary>Stopwatch ticks just before the process was started.</summary>
    public long StartedAt { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static DaemonProcess Start(string iniPath)
    {
        var directory = Directory;
        var appHost = Path.Combine(directory, OperatingSystem.IsWindows() ? "ShotgunEvents.Daemon.exe" : "ShotgunEvents.Daemon");
        var info = File.Exists(appHost)
            ? new ProcessStartInfo(appHost)
            : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                ArgumentList = { Path.Combine(directory, "ShotgunEvents.Daemon.dll") },
            };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(iniPath);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetDirectoryName(iniPath)!;

        var process = new Process { StartInfo = info };
        var startedAt = Stopwatch.GetTimestamp();
        process.Start();
        var daemon = new DaemonProcess(process, startedAt);
        process.OutputDataReceived += (_, e) => daemon.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>The process's resident set (working set) now, from <c>/proc</c>, in MiB.</summary>
    public double WorkingSetMiB() => ProcStatus("VmRSS:");

    /// <summary>The process's peak resident set, in MiB.</summary>
    public double PeakWorkingSetMiB() => ProcStatus("VmHWM:");

    /// <summary>The daemon's last console lines (for an error message).</summary>
    public string Tail(int lines = 30)
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines.Skip(Math.Max(0, _lastLines.Count - lines)));
        }
    }

    /// <summary>How many console lines so far contain <paramref name="text"/>.</summary>
    public int CountLines(string text)
    {
        lock (_lastLines)
        {
            return _lastLines.Count(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static bool IsReadyToRunImage(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private double ProcStatus(string field)
    {
        _process.Refresh();
        if (OperatingSystem.IsLinux())
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kb = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }

        return (field == "VmHWM:" ? _process.PeakWorkingSet64 : _process.WorkingSet64) / (1024.0 * 1024.0);
    }
}
