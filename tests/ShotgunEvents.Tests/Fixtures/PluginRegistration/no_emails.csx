void registerCallbacks(Registrar reg)
{
    reg.SetEmails(false);
}
