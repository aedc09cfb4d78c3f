void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var n = undefinedThing + 1;
    int count = "not a number";
}
