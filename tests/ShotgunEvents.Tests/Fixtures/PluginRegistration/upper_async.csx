// Upper-case RegisterCallbacks, an async callback with its own credentials, args shared across calls.
void RegisterCallbacks(Registrar reg)
{
    var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code"] };
    reg.RegisterCallback("upper_script", "upper-secret-key", OnEventAsync, match, args: new List<int>(), stopOnError: false);
}

async Task OnEventAsync(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    await Task.Yield();
    var seen = (List<int>)args!;
    seen.Add(e.Id);
    log.Info($"async {e.Id} seen {string.Join(",", seen)}");
}
