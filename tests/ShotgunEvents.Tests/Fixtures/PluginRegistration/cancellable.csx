// A callback that takes the shutdown token, a lambda, and a local function: their names become logger names.
using System.Threading;

void registerCallbacks(Registrar reg)
{
    reg.RegisterCallback(null, null, OnEventWithToken);
    reg.RegisterCallback((sg, log, e, args) => log.Info($"lambda {e.Id}"));
    reg.RegisterCallback(Local);

    void Local(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"local {e.Id}");
}

async Task OnEventWithToken(IShotgun sg, Logger log, ShotgunEvent e, object? args, CancellationToken cancellationToken)
{
    await Task.Delay(1, cancellationToken);
    log.Info($"token {e.Id} {cancellationToken.CanBeCanceled}");
}
