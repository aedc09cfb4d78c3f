using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>A daemon process that has made its first poll, <paramref name="Milliseconds"/> after it was started.</summary>
internal sealed record StartedProcess(DaemonProcess Process, double Milliseconds) : IDisposable
{
    public void Dispose() => Process.Dispose();
}
