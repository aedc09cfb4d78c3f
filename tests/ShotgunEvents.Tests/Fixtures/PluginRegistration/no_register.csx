// Compiles, but has no registerCallbacks.
void registerCallback(Registrar reg)
{
}
