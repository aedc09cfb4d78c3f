#load "does-not-exist.csx"
#r "lib/Missing.dll"

void registerCallbacks(Registrar reg) { }
