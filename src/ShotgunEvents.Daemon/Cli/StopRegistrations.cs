namespace ShotgunEvents.Daemon.Cli;

/// <summary>Signal registrations that live as long as a command runs, released together.</summary>
internal sealed class StopRegistrations : IDisposable
{
    private readonly List<IDisposable> _registrations = [];

    public void Add(IDisposable registration) => _registrations.Add(registration);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
    }
}
