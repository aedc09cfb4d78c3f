using System.Net;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Http;

public sealed partial class StatusPageTests
{
    // Virtual time: chromium runs the page's timers (one refresh every 2 s) without the test waiting for them.
    private static readonly TimeSpan ScriptTime = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Root_ServesOnePageWithNoExternalAssets()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")]);

        using var response = await daemon.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/status", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiStatus_AfterAFailure_NamesEveryPluginWithStateLagAndLastError()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("beta", "always_fails.csx")]);
        var beta = daemon.Lane("beta");
        daemon.Touch();
        await Eventually.TrueAsync(() => !beta.IsActive, "beta turning inactive");

        var (status, body) = await daemon.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, status);
        var plugins = JObject.Parse(body)["plugins"]!.ToDictionary(p => p.Value<string>("plugin")!);
        Assert.True(plugins["alpha"].Value<bool>("active"));
        Assert.False(plugins["beta"].Value<bool>("active"));
        Assert.False(string.IsNullOrEmpty(plugins["beta"].Value<string>("last_error")));
        Assert.Equal(JTokenType.Array, plugins["alpha"]["callback_seconds"]!.Type);
        Assert.NotNull(plugins["alpha"]["lag_events"]);
    }

    [Fact]
    public async Task ApiStatus_ScopedPlugin_ShowsItsLogLevelScopesAndSkips()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("scoped", "scoped_debug.csx")]);
        var scoped = daemon.Lane("scoped");
        var before = scoped.HandledCount;
        daemon.Touch();
        await Eventually.TrueAsync(() => scoped.HandledCount > before, "the scoped plugin handling the event");

        var (status, body) = await daemon.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, status);
        var report = JObject.Parse(body);
        var plugins = report["plugins"]!.ToDictionary(p => p.Value<string>("plugin")!);
        Assert.Equal("DEBUG", plugins["scoped"].Value<string>("log_level"));
        Assert.Equal("projects [424242]", plugins["scoped"]["callback_scopes"]!.Value<string>("OnProjectOnly"));
        Assert.True(plugins["scoped"]["skipped"]!.Value<long>("callback_project") >= 1);
        Assert.Null(plugins["alpha"].Value<string>("log_level"));
        Assert.Equal(0, plugins["alpha"]["skipped"]!.Value<long>("callback_project"));
        Assert.Equal(JTokenType.Null, report["event_scope"]!.Type);
    }

    [ChromiumFact]
    public async Task StatusPage_InHeadlessChromium_ShowsEveryPluginActive()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("beta", "always_fails.csx")]);

        var dom = await HeadlessChromium.DumpDomAsync(new Uri(daemon.BaseUri, "/"), ScriptTime, TestContext());

        Assert.Equal("active", PluginState(dom, "alpha"));
        Assert.Equal("active", PluginState(dom, "beta"));
    }

    [ChromiumFact]
    public async Task StatusPage_PluginTurnsInactive_ShowsItInactiveAfterTheRefresh()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("beta", "always_fails.csx")]);
        var beta = daemon.Lane("beta");
        var before = await HeadlessChromium.DumpDomAsync(new Uri(daemon.BaseUri, "/"), ScriptTime, TestContext());
        Assert.Equal("active", PluginState(before, "beta"));

        daemon.Touch();
        await Eventually.TrueAsync(() => !beta.IsActive, "beta turning inactive");
        var after = await HeadlessChromium.DumpDomAsync(new Uri(daemon.BaseUri, "/"), ScriptTime, TestContext());

        Assert.Equal("inactive", PluginState(after, "beta"));
        Assert.Equal("active", PluginState(after, "alpha"));
        Assert.Contains("broken at", after, StringComparison.Ordinal);
    }

    private static CancellationToken TestContext() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static string? PluginState(string dom, string plugin)
    {
        var row = Regex.Match(dom, $"<tr[^>]*data-plugin=\"{Regex.Escape(plugin)}\"[^>]*>");
        return row.Success ? Regex.Match(row.Value, "data-state=\"([a-z]+)\"").Groups[1].Value : null;
    }

    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
