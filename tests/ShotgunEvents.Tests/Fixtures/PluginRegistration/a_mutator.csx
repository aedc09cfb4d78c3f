// Changes the event it was given; other plugins must not see it.
void registerCallbacks(Registrar reg) => reg.RegisterCallback(Mutate);

void Mutate(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    e.Meta["new_value"] = "mutated";
    e.Raw["description"] = "mutated";
}
