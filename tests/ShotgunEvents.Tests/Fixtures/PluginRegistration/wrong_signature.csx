void registerCallbacks() { }
