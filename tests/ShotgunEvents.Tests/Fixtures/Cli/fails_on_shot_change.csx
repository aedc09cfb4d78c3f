// Throws on every Shot status change (stopOnError: the plugin deactivates), with the script key in the message:
// the error must reach the alert mail, the key must not.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnShotStatus, new MatchEvents { ["Shotgun_Shot_Change"] = ["sg_status_list"] });
}

void OnShotStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    throw new InvalidOperationException($"boom for shot {e.Entity?.Id} (key {Env("CLI_TEST_SCRIPT_KEY")})");
}
