// A plugin with a type error on line 7: check must name the file, line and column.
void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(OnEvent);
}

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) { int count = "three"; }
