// Settings, environment and SetEmails, from the globals and from the registrar.
void registerCallbacks(Registrar reg)
{
    reg.SetEmails("td@studio.example", "lead@studio.example");
    reg.Logger.Info($"setting={Setting("sg_url")} reg={reg.GetSetting("sg_url")} env={Env("SGE_PLUGIN_TEST_ENV")} " +
                    $"renv={reg.GetEnvironmentVariable("SGE_PLUGIN_TEST_ENV")} name={PluginName} missing={Setting("nope") ?? "null"}");
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info("event");
