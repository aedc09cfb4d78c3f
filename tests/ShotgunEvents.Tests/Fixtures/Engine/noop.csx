// A trivial plugin: takes every event and does nothing (throughput measurements).
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Ignore);

void Ignore(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
}
