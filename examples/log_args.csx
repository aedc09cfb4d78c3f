// log_args.csx: the smallest useful plugin, a port of upstream's examplePlugins/logArgs.py.
//
// It receives every event and logs it with everything a callback is given. Drop it in a plugin directory to see what
// the event stream of a site looks like; remove it when you have seen enough (it logs a lot).
//
// Python                                         C#
//   def registerCallbacks(reg):                    void registerCallbacks(Registrar reg)
//   reg.logger.setLevel(logging.DEBUG)             reg.Logger.SetLevel... (see below: NLog levels are set in nlog.config)
//   reg.registerCallback(name, key, logArgs)       reg.RegisterCallback(Env("..._NAME"), Env("..._KEY"), LogArgs)
//   def logArgs(sg, logger, event, args):          void LogArgs(IShotgun sg, Logger log, ShotgunEvent e, object? args)

void registerCallbacks(Registrar reg)
{
    // Upstream read the script credentials from the environment by convention; Env() returns null when a variable
    // is not set, and a callback registered with neither name nor key uses the daemon's own connection.
    var name = Env("SGDAEMON_LOGARGS_NAME");
    var key = Env("SGDAEMON_LOGARGS_KEY");

    // No matchEvents: every event. (Upstream: matchEvents=None.)
    reg.RegisterCallback(name, key, LogArgs);

    // Errors of this plugin are mailed to these people instead of [emails] to (when mail is enabled at all).
    // SetEmails(false) sends none, SetEmails(true) restores the default recipients.
    reg.SetEmails("pipeline-oncall@example.com");

    // Python's reg.logger.setLevel(logging.DEBUG): NLog levels come from daemon.ini ([daemon] logging) and
    // nlog.config; a plugin logs what it wants at Info to be sure it is seen.
    reg.Logger.Info("log_args registered: every event will be logged.");
}

// The four arguments of every callback, as upstream: the connection, a logger, the event, the registration args.
void LogArgs(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    // e.Raw is the EventLogEntry exactly as the site sent it (upstream's event dict); the typed members cover the
    // common fields: e.Id, e.EventType, e.AttributeName, e.Entity, e.User, e.Project, e.Meta, e.CreatedAt.
    log.Info("{0}: entity={1} user={2} meta={3} args={4}",
        e, e.Entity, e.User, e.Meta.ToString(Newtonsoft.Json.Formatting.None), args ?? "(none)");
}
