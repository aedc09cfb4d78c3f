using Microsoft.Extensions.Logging;
using ShotgunEvents.Daemon.Config;

namespace ShotgunEvents.Tests.Daemon.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Func<string, string?> NoEnv = ConfigDirectory.Env();

    private static IReadOnlyList<string> ErrorsOf(Action load) =>
        Assert.Throws<ConfigException>(load).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Load_UpstreamExampleConfig_AcceptedAsItIs()
    {
        var fixture = Path.Join(AppContext.BaseDirectory, "Fixtures", "Config", "shotgunEventDaemon.conf");
        var env = ConfigDirectory.Env(
            ("SG_ED_SITE_URL", "https://studio.shotgunstudio.com"),
            ("SG_ED_SCRIPT_NAME", "eventDaemon"),
            ("SG_ED_API_KEY", "0123456789abcdef"));

        var settings = ConfigLoader.Load(fixture, env);

        var d = settings.Daemon;
        Assert.Equal("/var/log/shotgunEventDaemon/shotgunEventDaemon.pid", d.PidFile);
        Assert.Equal("/var/log/shotgunEventDaemon/shotgunEventDaemon.id", d.EventIdFile);
        Assert.Equal("/var/log/shotgunEventDaemon", d.LogPath);
        Assert.Equal("shotgunEventDaemon", d.LogFile);
        Assert.Equal(LogMode.PerPlugin, d.LogMode);
        Assert.Equal(LogLevel.Information, d.Logging);
        Assert.False(d.TimingLog);
        Assert.Equal(TimeSpan.FromSeconds(60), d.ConnRetrySleep);
        Assert.Equal(5, d.MaxConnRetries);
        Assert.Equal(TimeSpan.FromSeconds(5), d.FetchInterval);
        Assert.Equal(500, d.MaxEventBatchSize);
        Assert.Equal(4, d.MaxParallelReads);
        Assert.Equal(new Uri("https://studio.shotgunstudio.com"), settings.Shotgun.Url);
        Assert.Equal("eventDaemon", settings.Shotgun.ScriptName);
        Assert.Equal("0123456789abcdef", settings.Shotgun.ScriptKey);
        Assert.Null(settings.Shotgun.ProxyServer);
        Assert.True(settings.Shotgun.UseSessionUuid);
        Assert.Equal("/usr/local/shotgun/plugins", Assert.Single(settings.Plugins.Paths).Configured);
        Assert.True(settings.Emails.Enabled);
        Assert.Equal("smtp.yourdomain.com", settings.Emails.Server);
        Assert.Equal(25, settings.Emails.Port);
        Assert.False(settings.Emails.UseTls);
        Assert.Null(settings.Emails.Username);
        Assert.Equal("support@yourdomain.com", settings.Emails.From);
        Assert.Equal(["you@yourdomain.com", "pipeline@yourdomain.com"], settings.Emails.To);
        Assert.Equal("[SG]", settings.Emails.Subject);
        // The upstream plugin directory does not exist on this machine: a warning, not an error.
        var warning = Assert.Single(settings.Warnings);
        Assert.StartsWith("shotgunEventDaemon.conf [plugins] paths: '/usr/local/shotgun/plugins'", warning.ToString());
    }

    [Fact]
    public void Load_MinimalFile_TakesTheDocumentedDefaults()
    {
        var path = _dir.WriteMinimal();

        var settings = ConfigLoader.Load(path, NoEnv);

        var d = settings.Daemon;
        Assert.Equal(Path.Join(_dir.Path, "shotgun-events.state.json"), d.EventIdFile);
        Assert.Equal(Path.Join(_dir.Path, "compile-cache"), d.CompileCacheDirectory);
        Assert.Equal(Path.Join(_dir.Path, "logs", "shotgun-events.log"), d.LogFilePath);
        Assert.Null(d.PidFile);
        Assert.Equal(LogLevel.Information, d.Logging);
        Assert.Equal(TimeSpan.FromSeconds(300), d.BacklogTimeout);
        Assert.Equal(PluginConcurrency.PerPlugin, d.PluginConcurrency);
        Assert.Null(d.StartFromEventId);
        Assert.Null(d.StateCheckpointInterval);
        Assert.Null(d.CallbackTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), d.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), d.PluginRescanInterval);
        Assert.True(settings.Shotgun.IsEmbedded);
        Assert.Equal("api3", settings.Shotgun.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Shotgun.Timeout);
        Assert.Equal(3, settings.Shotgun.MaxRetries);
        Assert.False(settings.Emails.Enabled);
        Assert.Empty(settings.PluginSettings);
        Assert.Empty(settings.Warnings);
        Assert.Equal(path, settings.ConfigPath);
    }

    [Fact]
    public void Load_EventScopes_AreReadAsLists()
    {
        var path = _dir.WriteMinimal(daemon: """
            limit_to_projects = 12, Big Buck Bunny
            ignore_projects = 40
            ignore_users = render_bot,
              jane
            """);

        var d = ConfigLoader.Load(path, NoEnv).Daemon;

        Assert.Equal(["12", "Big Buck Bunny"], d.LimitToProjects);
        Assert.Equal(["40"], d.IgnoreProjects);
        Assert.Equal(["render_bot", "jane"], d.IgnoreUsers);
    }

    [Fact]
    public void Load_ProjectBothLimitedAndIgnored_IsAnErrorNamingIt()
    {
        var path = _dir.WriteMinimal(daemon: "limit_to_projects = 12, Bunny\nignore_projects = bunny");

        var errors = ErrorsOf(() => ConfigLoader.Load(path, NoEnv));

        Assert.Equal(["daemon.ini [daemon] ignore_projects: 'Bunny' is also in limit_to_projects; a project is either limited to or ignored"], errors);
    }

    [Fact]
    public void Load_NewKeys_AreRead()
    {
        var path = _dir.WriteMinimal(
            daemon: """
                backlog_timeout = 600
                plugin_concurrency = SERIAL
                start_from = 12345
                state_checkpoint = 2.5
                callback_timeout = 90
                shutdown_timeout = 10
                compile_cache = /tmp/sge-cache
                plugin_rescan_interval = 0.5
                fetch_interval = 0.2
                failed_event_retries = 3
                failed_event_retry_backoff = 0.5
                """,
            shotgun: "protocol = api3\ntimeout = 15\nmax_retries = 0",
            emails: """
                enabled = yes
                server = smtp.example.com
                useSSL = on
                from = daemon@example.com
                to = a@example.com
                digest_interval = 120
                """);
        File.AppendAllText(path, "[plugin_settings]\nSlack_Channel = #pipeline\nwebhook = %(HOOK)s\n");

        var settings = ConfigLoader.Load(path, ConfigDirectory.Env(("HOOK", "https://hooks.example.com/x")));

        var d = settings.Daemon;
        Assert.Equal(TimeSpan.FromSeconds(600), d.BacklogTimeout);
        Assert.Equal(PluginConcurrency.Serial, d.PluginConcurrency);
        Assert.Equal(12345, d.StartFromEventId);
        Assert.Equal(TimeSpan.FromSeconds(2.5), d.StateCheckpointInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), d.CallbackTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), d.ShutdownTimeout);
        Assert.Equal("/tmp/sge-cache", d.CompileCacheDirectory);
        Assert.Equal(TimeSpan.FromMilliseconds(500), d.PluginRescanInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(200), d.FetchInterval);
        Assert.Equal(3, d.FailedEventRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), d.FailedEventRetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Shotgun.Timeout);
        Assert.Equal(0, settings.Shotgun.MaxRetries);
        Assert.True(settings.Emails.UseSsl);
        Assert.Equal(465, settings.Emails.Port);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.Emails.DigestInterval);
        Assert.Equal("#pipeline", settings.PluginSettings["slack_channel"]);
        Assert.Equal("https://hooks.example.com/x", settings.PluginSettings["WEBHOOK"]);
    }

    [Theory]
    [InlineData("start_from = latest", null)]
    [InlineData("start_from = LATEST", null)]
    [InlineData("start_from = 1", 1L)]
    public void Load_StartFrom_LatestOrAnId(string line, long? expected)
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(daemon: line), NoEnv);

        Assert.Equal(expected, settings.Daemon.StartFromEventId);
    }

    [Theory]
    [InlineData("state_checkpoint = batch", null)]
    [InlineData("callback_timeout = off", null)]
    [InlineData("callback_timeout =", null)]
    [InlineData("compile_cache = off", null)]
    public void Load_OffValues_MeanNone(string line, object? expected)
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(daemon: line), NoEnv);

        var d = settings.Daemon;
        Assert.Equal(expected, line.Split(' ')[0] switch
        {
            "state_checkpoint" => (object?)d.StateCheckpointInterval,
            "callback_timeout" => d.CallbackTimeout,
            _ => d.CompileCacheDirectory,
        });
    }

    [Theory]
    [InlineData("10", LogLevel.Debug)]
    [InlineData("20", LogLevel.Information)]
    [InlineData("30", LogLevel.Warning)]
    [InlineData("40", LogLevel.Error)]
    [InlineData("50", LogLevel.Critical)]
    [InlineData("15", LogLevel.Information)]
    [InlineData("5", LogLevel.Trace)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("CRITICAL", LogLevel.Critical)]
    [InlineData("trace", LogLevel.Trace)]
    public void Load_LogLevel_NumberOrName(string value, LogLevel expected)
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(daemon: $"logging = {value}"), NoEnv);

        Assert.Equal(expected, settings.Daemon.Logging);
    }

    [Theory]
    [InlineData("fetch_interval = abc", "daemon.ini [daemon] fetch_interval: 'abc' is not a number of seconds")]
    [InlineData("fetch_interval = 0", "daemon.ini [daemon] fetch_interval: '0' must be more than 0 seconds")]
    [InlineData("fetch_interval = -1", "daemon.ini [daemon] fetch_interval: '-1' must be more than 0 seconds")]
    [InlineData("backlog_timeout = -5", "daemon.ini [daemon] backlog_timeout: '-5' must not be negative")]
    [InlineData("max_event_batch_size = 0", "daemon.ini [daemon] max_event_batch_size: '0' must be at least 1")]
    [InlineData("max_event_batch_size = 5.5", "daemon.ini [daemon] max_event_batch_size: '5.5' is not a whole number")]
    [InlineData("max_parallel_reads = 0", "daemon.ini [daemon] max_parallel_reads: '0' must be at least 1")]
    [InlineData("max_parallel_reads = 33", "daemon.ini [daemon] max_parallel_reads: '33' must be at most 32")]
    [InlineData("max_parallel_reads = many", "daemon.ini [daemon] max_parallel_reads: 'many' is not a whole number")]
    [InlineData("logMode = x", "daemon.ini [daemon] logMode: 'x' is not a whole number")]
    [InlineData("logging = LOUD", "daemon.ini [daemon] logging: 'LOUD' is not a log level (a number such as 20, or DEBUG, INFO, WARNING, ERROR, CRITICAL)")]
    [InlineData("timing_log = maybe", "daemon.ini [daemon] timing_log: 'maybe' is not a boolean (use true/false, yes/no, on/off or 1/0)")]
    [InlineData("plugin_concurrency = parallel", "daemon.ini [daemon] plugin_concurrency: 'parallel' is not one of: per_plugin, serial")]
    [InlineData("log_format = xml", "daemon.ini [daemon] log_format: 'xml' is not one of: text, json")]
    [InlineData("start_from = newest", "daemon.ini [daemon] start_from: 'newest' is neither 'latest' nor an event id")]
    [InlineData("state_checkpoint = always", "daemon.ini [daemon] state_checkpoint: 'always' is neither 'batch' nor a number of seconds (more than 0, at most 86400)")]
    [InlineData("callback_timeout = 0", "daemon.ini [daemon] callback_timeout: '0' must be more than 0 seconds (or 'off')")]
    [InlineData("failed_event_retries = -1", "daemon.ini [daemon] failed_event_retries: '-1' must be at least 0")]
    [InlineData("shutdown_timeout = 1e9", "daemon.ini [daemon] shutdown_timeout: '1e9' is not a number of seconds")]
    [InlineData("shutdown_timeout = 100000000", "daemon.ini [daemon] shutdown_timeout: '100000000' is more than a year of seconds")]
    public void Load_BadDaemonValue_ErrorNamesSectionKeyAndReason(string line, string expected)
    {
        var path = _dir.WriteMinimal(daemon: line);

        Assert.Equal([expected], ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_InlineComment_ClearErrorOnTypedValues()
    {
        var path = _dir.WriteMinimal(daemon: "fetch_interval = 5  # seconds");

        Assert.Equal(
            ["daemon.ini [daemon] fetch_interval: '5  # seconds' is not a number of seconds (inline comments are not supported: put the comment on a line of its own)"],
            ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_InlineCommentInText_KeptAsValueWithAWarning()
    {
        var path = _dir.WriteMinimal(shotgun: "proxy_server = proxy:3128 ; office");

        var settings = ConfigLoader.Load(path, NoEnv);

        Assert.Equal("proxy:3128 ; office", settings.Shotgun.ProxyServer);
        Assert.Equal(
            "daemon.ini [shotgun] proxy_server: the value contains ' #' or ' ;': inline comments are not stripped, so it is part of the value",
            Assert.Single(settings.Warnings).ToString());
    }

    [Fact]
    public void Load_ManyErrors_AllReportedAtOnceInFileOrder()
    {
        var path = _dir.Write("""
            [daemon]
            fetch_interval = soon
            max_event_batch_size = lots
            logging = chatty
            [shotgun]
            server = ftp://site
            key = %(MISSING_KEY)s
            [plugins]
            [emails]
            enabled = true
            port = 99999
            """);

        Assert.Equal(
            [
                "daemon.ini [daemon] fetch_interval: 'soon' is not a number of seconds",
                "daemon.ini [daemon] max_event_batch_size: 'lots' is not a whole number",
                "daemon.ini [daemon] logging: 'chatty' is not a log level (a number such as 20, or DEBUG, INFO, WARNING, ERROR, CRITICAL)",
                "daemon.ini [shotgun] name: missing: the engine's script name is required for a site (or set server = embedded)",
                "daemon.ini [shotgun] server: 'ftp://site' is not an http(s) URL or 'embedded'",
                "daemon.ini [shotgun] key: environment variable MISSING_KEY is not set (referenced as %(MISSING_KEY)s)",
                "daemon.ini [plugins] paths: missing: list the plugin directories, separated by commas (e.g. paths = scripts)",
                "daemon.ini [emails] server: missing: required when enabled = true",
                "daemon.ini [emails] from: missing: required when enabled = true",
                "daemon.ini [emails] to: missing: required when enabled = true (a comma list of addresses)",
                "daemon.ini [emails] port: '99999' must be at most 65535",
            ],
            ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_EnvReference_ReadsOnlyTheNamedVariables()
    {
        var asked = new List<string>();
        var env = ConfigDirectory.Env(("SITE", "https://site.example.com"), ("SCRIPT", "daemon"), ("KEY", "k"));
        var path = _dir.WriteMinimal();
        File.WriteAllText(path, File.ReadAllText(path).Replace("server = embedded", "server = %(SITE)s\nname = %(SCRIPT)s\nkey = %(KEY)s", StringComparison.Ordinal));

        var settings = ConfigLoader.Load(path, name =>
        {
            asked.Add(name);
            return env(name);
        });

        // The named ones, and the documented overrides of [daemon] keys (never interpolated into anything else).
        Assert.Equal(["SITE", "SCRIPT", "KEY"], asked.Where(n => !n.StartsWith("SHOTGUN_EVENTS_", StringComparison.Ordinal)));
        Assert.Equal(["SHOTGUN_EVENTS_LOG_FORMAT", "SHOTGUN_EVENTS_SHARD", "SHOTGUN_EVENTS_SHARD_INDEX", "SHOTGUN_EVENTS_SHARD_COUNT"],
            asked.Where(n => n.StartsWith("SHOTGUN_EVENTS_", StringComparison.Ordinal)));
        Assert.Equal(new Uri("https://site.example.com"), settings.Shotgun.Url);
    }

    [Theory]
    [InlineData("max_parallel_reads = 1", 1)]
    [InlineData("max_parallel_reads = 8", 8)]
    public void Load_MaxParallelReads_IsRead(string line, int expected)
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(daemon: line), NoEnv);

        Assert.Equal(expected, settings.Daemon.MaxParallelReads);
    }

    [Fact]
    public void Load_UnrelatedEnvironment_NeverLeaksIntoKeys()
    {
        // Upstream passed os.environ as defaults: USERNAME became the SMTP login and PORT the SMTP port (§2.2).
        var env = ConfigDirectory.Env(("USERNAME", "bob"), ("PORT", "8080"), ("PASSWORD", "hunter2"), ("LOGPATH", "/elsewhere"),
            ("MAX_EVENT_BATCH_SIZE", "1"), ("TIMING_LOG", "on"));
        var path = _dir.WriteMinimal(emails: "enabled = true\nserver = smtp.example.com\nfrom = a@example.com\nto = b@example.com");

        var settings = ConfigLoader.Load(path, env);

        Assert.Null(settings.Emails.Username);
        Assert.Null(settings.Emails.Password);
        Assert.Equal(25, settings.Emails.Port);
        Assert.Equal(500, settings.Daemon.MaxEventBatchSize);
        Assert.False(settings.Daemon.TimingLog);
        Assert.Equal(Path.Join(_dir.Path, "logs"), settings.Daemon.LogPath);
    }

    [Fact]
    public void Load_Interpolation_LiteralPercentAndUpperCaseFallbackAndLiteralEnvValues()
    {
        var env = ConfigDirectory.Env(("SG_SUBJECT", "100%(raw)s"), ("TEAM", "fx"));
        var path = _dir.WriteMinimal(emails: """
            enabled = true
            server = smtp.example.com
            from = a@example.com
            to = %(team)s@example.com
            subject = [%(SG_SUBJECT)s] 50%% done
            """);

        var settings = ConfigLoader.Load(path, env);

        Assert.Equal("[100%(raw)s] 50% done", settings.Emails.Subject);
        Assert.Equal(["fx@example.com"], settings.Emails.To);
    }

    [Fact]
    public void Load_ReferenceToAnotherKey_ResolvesLikeConfigparser()
    {
        var path = _dir.WriteMinimal(daemon: "root = /srv/sge\nlogPath = %(root)s/logs\n[DEFAULT]\nbase = /opt");
        File.AppendAllText(path, "[plugin_settings]\ntools = %(base)s/tools\n");

        var settings = ConfigLoader.Load(path, NoEnv);

        Assert.Equal("/srv/sge/logs", settings.Daemon.LogPath);
        Assert.Equal("/opt/tools", settings.PluginSettings["tools"]);
        Assert.Contains(settings.Warnings, w => w.ToString() == "daemon.ini [daemon] root: unknown key (ignored)");
    }

    [Theory]
    [InlineData("subject = 100% sure", "daemon.ini [emails] subject: '%' must be followed by '%' or '(' (write %% for a literal %)")]
    [InlineData("subject = %(NAME", "daemon.ini [emails] subject: a reference must look like %(NAME)s (write %% for a literal %)")]
    [InlineData("subject = %(NAME)x", "daemon.ini [emails] subject: a reference must look like %(NAME)s (write %% for a literal %)")]
    [InlineData("subject = %(subject)s", "daemon.ini [emails] subject: environment variable subject is not set (referenced as %(subject)s)")]
    [InlineData("subject = %(server)s\nserver = %(subject)s", "daemon.ini [emails] subject: references are nested more than 10 deep (do two keys refer to each other?)")]
    public void Load_BadInterpolation_ErrorNamesTheKey(string lines, string expected)
    {
        var path = _dir.WriteMinimal(emails: "enabled = true\nfrom = a@example.com\nto = b@example.com\n" + lines);

        Assert.Contains(expected, ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_EmailsDisabled_OtherKeysNotReadSoTheirVariablesNeedNotExist()
    {
        var path = _dir.WriteMinimal(emails: "enabled = False\nserver = %(SMTP_HOST)s\npassword = %(SMTP_PASSWORD)s\nport = bad");

        var settings = ConfigLoader.Load(path, NoEnv);

        Assert.False(settings.Emails.Enabled);
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void Load_Secrets_NeverInErrorsWarningsOrToString()
    {
        const string Key = "s3cr3t-script-key";
        const string Password = "pa55-w0rd";
        var env = ConfigDirectory.Env(("SG_KEY", Key), ("SMTP_PASSWORD", Password));
        var path = _dir.WriteMinimal(
            shotgun: "name = daemon\nkey = %(SG_KEY)s",
            emails: "enabled = true\nserver = smtp.example.com\nfrom = a@example.com\nto = b@example.com\nusername = bob\npassword = %(SMTP_PASSWORD)s ;x");
        File.AppendAllText(path, "[plugin_settings]\nslack_token = xoxb-plugin-secret\n");

        var settings = ConfigLoader.Load(path, env);
        var text = settings.ToString();

        Assert.Equal(Key, settings.Shotgun.ScriptKey);
        Assert.Equal(Password + " ;x", settings.Emails.Password);
        Assert.DoesNotContain(Key, text);
        Assert.DoesNotContain(Password, text);
        Assert.DoesNotContain("xoxb-plugin-secret", text);
        Assert.Contains("ScriptKey = ***", text);
        Assert.Contains("Password = ***", text);
        Assert.Contains("slack_token", text);
        Assert.DoesNotContain(settings.Warnings, w => w.ToString().Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SecretWithBadSyntax_ErrorDoesNotShowIt()
    {
        var path = _dir.WriteMinimal(shotgun: "key = abc%def", emails: "enabled = 1\nserver = s\nfrom = a@b\nto = c@d\nport = 25\npassword = p%w");

        var errors = ErrorsOf(() => ConfigLoader.Load(path, NoEnv));

        Assert.Equal(
            [
                "daemon.ini [shotgun] key: '%' must be followed by '%' or '(' (write %% for a literal %)",
                "daemon.ini [emails] password: '%' must be followed by '%' or '(' (write %% for a literal %)",
            ],
            errors);
    }

    [Fact]
    public void Load_UnknownKeysAndSections_AreWarningsWithSuggestions()
    {
        var path = _dir.WriteMinimal(daemon: "fetchInterval = 5\nfrobnicate = yes", plugins: "[Emails]\nenabled = true\n[custom]\nx = 1");

        var settings = ConfigLoader.Load(path, NoEnv);

        Assert.Equal(
            [
                "daemon.ini [daemon] fetchInterval: unknown key (ignored); did you mean fetch_interval?",
                "daemon.ini [daemon] frobnicate: unknown key (ignored)",
                "daemon.ini [Emails]: unknown section (ignored); did you mean [emails]? (section names are case-sensitive)",
                "daemon.ini [custom]: unknown section (ignored)",
            ],
            settings.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Load_RelativePaths_ResolvedAgainstTheConfigDirectoryNotTheWorkingDirectory()
    {
        Directory.CreateDirectory(Path.Join(_dir.Path, "conf", "more plugins"));
        var path = _dir.Write("""
            [daemon]
            eventIdFile = state/daemon.json
            pidFile = run/daemon.pid
            logFile = ../logs/engine.log
            [shotgun]
            server = embedded
            [plugins]
            paths = scripts ,  more plugins,/abs/plugins
            """, Path.Join("conf", "daemon.ini"));

        var settings = ConfigLoader.Load(path, NoEnv);

        var conf = Path.Join(_dir.Path, "conf");
        Assert.Equal(Path.Join(conf, "state", "daemon.json"), settings.Daemon.EventIdFile);
        Assert.Equal(Path.Join(conf, "state", "compile-cache"), settings.Daemon.CompileCacheDirectory);
        Assert.Equal(Path.Join(conf, "run", "daemon.pid"), settings.Daemon.PidFile);
        Assert.Equal(Path.Join(_dir.Path, "logs"), settings.Daemon.LogPath);
        Assert.Equal("engine.log", settings.Daemon.LogFile);
        Assert.Equal(
            [
                new PluginCollectionPath("scripts", Path.Join(conf, "scripts")),
                new PluginCollectionPath("more plugins", Path.Join(conf, "more plugins")),
                new PluginCollectionPath("/abs/plugins", "/abs/plugins"),
            ],
            settings.Plugins.Paths);
    }

    [Fact]
    public void Load_PluginPathThatIsAFile_IsAnError()
    {
        var path = _dir.WriteMinimal();
        File.WriteAllText(path, File.ReadAllText(path).Replace("paths = scripts", "paths = scripts, daemon.ini", StringComparison.Ordinal));

        Assert.Equal(
            ["daemon.ini [plugins] paths: 'daemon.ini' is a file, not a directory of plugins"],
            ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_SiteWithoutCredentials_ErrorsForNameAndKey()
    {
        var path = _dir.WriteMinimal();
        File.WriteAllText(path, File.ReadAllText(path).Replace("embedded", "https://site.example.com", StringComparison.Ordinal));

        Assert.Equal(
            [
                "daemon.ini [shotgun] name: missing: the engine's script name is required for a site (or set server = embedded)",
                "daemon.ini [shotgun] key: missing: the engine's script key is required for a site (or set server = embedded)",
            ],
            ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_OtherProtocol_IsAnError()
    {
        var path = _dir.WriteMinimal(shotgun: "protocol = rest");

        Assert.Equal(["daemon.ini [shotgun] protocol: 'rest' is not supported (only api3 for now)"], ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_TlsAndSsl_CannotBothBeOn()
    {
        var path = _dir.WriteMinimal(emails: "enabled = true\nserver = s\nfrom = a@b\nto = c@d\nuseTLS = true\nuseSSL = true");

        Assert.Equal(
            ["daemon.ini [emails] useSSL: useTLS (STARTTLS) and useSSL (SMTPS) cannot both be on; pick the one your server speaks"],
            ErrorsOf(() => ConfigLoader.Load(path, NoEnv)));
    }

    [Fact]
    public void Load_LogModeAboveOne_TakenAsOneWithAWarning()
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(daemon: "logMode = 2"), NoEnv);

        Assert.Equal(LogMode.PerPlugin, settings.Daemon.LogMode);
        Assert.Equal("daemon.ini [daemon] logMode: '2' is taken as 1 (one log file per plugin); use 0 or 1", Assert.Single(settings.Warnings).ToString());
    }

    [Fact]
    public void Load_UnreadableFile_ConfigExceptionNamesIt()
    {
        var missing = Path.Join(_dir.Path, "nope.ini");

        var error = Assert.Single(ErrorsOf(() => ConfigLoader.Load(missing, NoEnv)));

        Assert.StartsWith($"nope.ini: cannot read {missing}:", error);
    }

    [Fact]
    public void Load_SyntaxAndValueErrors_ReportedTogether()
    {
        var path = _dir.WriteMinimal(daemon: "fetch_interval = x\nthis line is wrong");

        var errors = ErrorsOf(() => ConfigLoader.Load(path, NoEnv));

        Assert.Equal(
            [
                "daemon.ini [daemon] fetch_interval: 'x' is not a number of seconds",
                "daemon.ini [daemon]: line 3 is neither a [section], a comment nor 'key = value'",
            ],
            errors);
    }

    [Fact]
    public void Load_ShippedDaemonIni_LoadsCleanly()
    {
        var root = ConfigDirectory.RepositoryRoot();

        var settings = ConfigLoader.Load(Path.Join(root, "daemon.ini"), NoEnv);

        Assert.True(settings.Shotgun.IsEmbedded);
        Assert.Equal(Path.Join(root, "scripts"), Assert.Single(settings.Plugins.Paths).FullPath);
        Assert.Equal(Path.Join(root, "state", "shotgun-events.state.json"), settings.Daemon.EventIdFile);
        // git keeps no empty directory: in a fresh clone without plugins, scripts/ may be missing, which is only a warning.
        Assert.All(settings.Warnings, w => Assert.Contains("[plugins] paths: 'scripts'", w.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", null, "Text")]
    [InlineData("log_format = JSON", null, "Json")]
    [InlineData("log_format = json", "text", "Text")]
    [InlineData("", "json", "Json")]
    [InlineData("log_format = text", " Json ", "Json")]
    public void Load_LogFormat_FileOrTheEnvironmentWhichWins(string line, string? variable, string expected)
    {
        var env = variable is null ? NoEnv : ConfigDirectory.Env(("SHOTGUN_EVENTS_LOG_FORMAT", variable));

        var settings = ConfigLoader.Load(_dir.WriteMinimal(daemon: line), env);

        Assert.Equal(Enum.Parse<LogFormat>(expected), settings.Daemon.LogFormat);
    }

    [Fact]
    public void Load_LogFormatVariableNotAFormat_ErrorNamesTheVariable()
    {
        var path = _dir.WriteMinimal();

        var errors = ErrorsOf(() => ConfigLoader.Load(path, ConfigDirectory.Env(("SHOTGUN_EVENTS_LOG_FORMAT", "yaml"))));

        Assert.Equal(["daemon.ini [daemon] log_format: $SHOTGUN_EVENTS_LOG_FORMAT 'yaml' is not one of: text, json"], errors);
    }
}
