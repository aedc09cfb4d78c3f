// Fails twice, then works: retried with FailedEventRetries.
int attempts = 0;

void registerCallbacks(Registrar reg) => reg.RegisterCallback(Flaky);

void Flaky(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    attempts++;
    if (attempts < 3)
    {
        throw new TimeoutException($"database down (attempt {attempts})");
    }

    log.Info($"flaky ok {e.Id} after {attempts}");
}
