#load "lib/helpers.csx"
#r "lib/Greeter.dll"

void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);

void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    log.Info($"{Describe(e)} | {Greeter.Hello(e.Entity!.Name!)} | {Nested()}");
}
