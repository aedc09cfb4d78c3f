// Ambiguous: which one would run?
void registerCallbacks(Registrar reg) { }

void RegisterCallbacks(Registrar reg) { }
