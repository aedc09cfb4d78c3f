// Waits until the daemon shuts down: reported as stuck, ends on cancellation.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Slow);

async Task Slow(IShotgun sg, Logger log, ShotgunEvent e, object? args, CancellationToken cancellationToken)
{
    log.Info($"slow start {e.Id}");
    await Task.Delay(Timeout.Infinite, cancellationToken);
}
