// Needs an environment variable that is not set: registration stops with a message naming it.
void registerCallbacks(Registrar reg)
{
    var key = reg.RequireEnv("SGE_TEST_NEVER_SET_1F3C");
    reg.RegisterCallback("sync_bot", key, OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
}
