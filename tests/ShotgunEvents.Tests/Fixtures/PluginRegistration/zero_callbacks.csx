// Registers nothing: still active, takes every event and does nothing (upstream behaviour).
void registerCallbacks(Registrar reg)
{
}
