using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary>
/// <c>status</c> on the event scopes: the daemon-wide scope from the configuration, and each plugin's log level,
/// callback scopes and skip counts from the running daemon's status file (written here as the daemon writes it, with
/// this test's own live pid).
/// </summary>
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_ScopesAndPluginFields_AreShownInTextAndJson()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("http://127.0.0.1:9", "events", "key",
            daemonExtra: "limit_to_projects = 12, bunny\nignore_users = render_bot, jane");
        sandbox.AddPlugin("quiet.csx", "status_sync");
        sandbox.AddPlugin("quiet.csx", "plain");
        var plugins = sandbox.Path("plugins");
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.StatePath)!);
        File.WriteAllText(sandbox.StatePath + ".status.json", new JObject
        {
            ["pid"] = Environment.ProcessId,
            ["written_at"] = "2025-01-02T03:04:05Z",
            ["site"] = null,
            ["plugins"] = new JArray(
                Row(plugins, "status_sync", "DEBUG", new JObject { ["OnStatus"] = "projects [bunny]; skips own writes" },
                    new JObject { ["project"] = 3, ["user"] = 0, ["callback_project"] = 5, ["own_write"] = 2 }),
                Row(plugins, "plain", null, [], new JObject { ["project"] = 0, ["user"] = 0, ["callback_project"] = 0, ["own_write"] = 0 })),
        }.ToString());

        var text = new StringWriter();
        var json = new StringWriter();
        await StatusCommand.RunAsync(new StatusOptions { Config = sandbox.ConfigPath }, text);
        await StatusCommand.RunAsync(new StatusOptions { Config = sandbox.ConfigPath, Json = true }, json);

        var output = text.ToString();
        Assert.Contains("Event scope (every plugin): limit_to_projects = 12, bunny; ignore_users = render_bot, jane", output, StringComparison.Ordinal);
        Assert.Contains("log level DEBUG; scopes: OnStatus projects [bunny]; skips own writes; skipped: 3 project, 5 callback_project, 2 own_write",
            output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), line => line.Contains("skipped:", StringComparison.Ordinal));
        var report = JObject.Parse(json.ToString());
        Assert.Equal("limit_to_projects = 12, bunny; ignore_users = render_bot, jane", report.Value<string>("event_scope"));
        var rows = report["plugins"]!.ToDictionary(p => p.Value<string>("plugin")!);
        Assert.Equal("DEBUG", rows["status_sync"].Value<string>("log_level"));
        Assert.Equal(5, rows["status_sync"]["skipped"]!.Value<long>("callback_project"));
        Assert.Null(rows["plain"].Value<string>("log_level"));
    }

    [Fact]
    public async Task Status_NoScopes_SaysNothingAboutThem()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("http://127.0.0.1:9", "events", "key");
        sandbox.AddPlugin("quiet.csx");
        var text = new StringWriter();

        await StatusCommand.RunAsync(new StatusOptions { Config = sandbox.ConfigPath }, text);

        Assert.DoesNotContain("Event scope", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("skipped:", text.ToString(), StringComparison.Ordinal);
    }

    private static JObject Row(string collection, string plugin, string? logLevel, JObject scopes, JObject skipped) => new()
    {
        ["collection"] = collection,
        ["plugin"] = plugin,
        ["active"] = true,
        ["reason"] = null,
        ["stuck"] = false,
        ["last_event_id"] = 10,
        ["backlog_count"] = 0,
        ["log_level"] = logLevel,
        ["callback_scopes"] = scopes,
        ["skipped"] = skipped,
    };
}
