using Microsoft.Extensions.Time.Testing;
using NLog;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Plugins;

public sealed class PluginProcessingTests : IDisposable
{
    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Process_StopOnErrorCallbackThrows_FailsAtThatEventUntilTheFileChanges()
    {
        var path = _dir.Copy("PluginFailures", "thrower.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        var plugin = host["thrower"];

        Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None));
        Assert.Equal(PluginOutcome.Failed, await plugin.ProcessAsync(TestEvents.Make(2), CancellationToken.None));

        Assert.False(plugin.IsActive);
        Assert.Equal("callback Boom failed on event 2: InvalidOperationException: boom at 2", plugin.InactiveReason);
        Assert.Equal(["after 1"], host.Logs.Messages("plugin.thrower.After"));
        var fatal = host.Logs.Entries.Single(e => e.Level == LogLevel.Fatal);
        Assert.Equal("plugin.thrower.Boom", fatal.Logger);
        Assert.Contains("Plugin thrower is now inactive", fatal.Message, StringComparison.Ordinal);
        Assert.Equal(PluginOutcome.Inactive, await plugin.ProcessAsync(TestEvents.Make(3), CancellationToken.None));

        File.WriteAllText(path, File.ReadAllText(path).Replace("e.Id >= 2", "e.Id >= 100", StringComparison.Ordinal));
        await host.Collection.RescanAsync(CancellationToken.None);

        Assert.True(plugin.IsActive, plugin.InactiveReason);
        Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(2), CancellationToken.None));
        Assert.Equal(["first 1", "first 2", "first 2"], host.Logs.Messages("plugin.thrower.First"));
        Assert.Equal(["after 1", "after 2"], host.Logs.Messages("plugin.thrower.After"));
    }

    [Fact]
    public async Task Process_CallbackWithoutStopOnErrorThrows_IsLoggedWithStackAndEventIsHandled()
    {
        var path = _dir.Copy("PluginFailures", "tolerant.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        Assert.Equal(PluginOutcome.Handled, await host["tolerant"].ProcessAsync(TestEvents.Make(7), CancellationToken.None));

        Assert.True(host["tolerant"].IsActive);
        Assert.Equal(["after 7"], host.Logs.Messages("plugin.tolerant.After"));
        var error = host.Logs.Entries.Single(e => e.Logger == "plugin.tolerant.Fails" && e.Level == LogLevel.Error);
        Assert.Contains("event 7", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(error.Exception);
        Assert.Contains($"{path}:line ", error.Exception!.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_FlakyCallbackWithRetries_IsRetriedWithBackoffAndSucceeds()
    {
        _dir.Copy("PluginFailures", "flaky.csx");
        var time = new FakeTimeProvider();
        await using var host = new PluginTestHost(_dir, o =>
        {
            o.FailedEventRetries = 2;
            o.RetryBackoff = TimeSpan.FromSeconds(10);
        }, time);
        await host.LoadAsync();

        var started = time.GetUtcNow();
        var outcome = await AdvanceUntilDoneAsync(time, host["flaky"].ProcessAsync(TestEvents.Make(1), CancellationToken.None));

        Assert.Equal(PluginOutcome.Handled, outcome);
        Assert.Equal(["flaky ok 1 after 3"], host.Logs.Messages("plugin.flaky.Flaky").Where(m => m.StartsWith("flaky", StringComparison.Ordinal)));
        Assert.Equal(2, host.Logs.Entries.Count(e => e.Level == LogLevel.Warn && e.Message.Contains("retry", StringComparison.Ordinal)));
        // 10 s, then 20 s: the backoff doubles.
        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromSeconds(30));
        Assert.True(host["flaky"].IsActive);
    }

    [Fact]
    public async Task Process_FlakyCallbackWithTooFewRetries_FailsThePlugin()
    {
        _dir.Copy("PluginFailures", "flaky.csx");
        var time = new FakeTimeProvider();
        await using var host = new PluginTestHost(_dir, o => o.FailedEventRetries = 1, time);
        await host.LoadAsync();

        var outcome = await AdvanceUntilDoneAsync(time, host["flaky"].ProcessAsync(TestEvents.Make(1), CancellationToken.None));

        Assert.Equal(PluginOutcome.Failed, outcome);
        Assert.Contains("database down (attempt 2)", host["flaky"].InactiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_CallbackPastTimeout_IsReportedStuckAndEndsOnShutdown()
    {
        _dir.Copy("PluginFailures", "slow.csx");
        var time = new FakeTimeProvider();
        await using var host = new PluginTestHost(_dir, o => o.CallbackTimeout = TimeSpan.FromSeconds(30), time);
        await host.LoadAsync();
        var plugin = host["slow"];
        using var shutdown = new CancellationTokenSource();

        var processing = plugin.ProcessAsync(TestEvents.Make(11), shutdown.Token);
        await Eventually.TrueAsync(() => host.Logs.Contains("slow start 11"), "the callback started");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(plugin.IsStuck);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(plugin.IsStuck);
        var warning = host.Logs.Entries.Single(e => e.Level == LogLevel.Warn);
        Assert.Contains("Plugin slow: callback Slow has been running on event 11 for more than 00:00:30", warning.Message, StringComparison.Ordinal);

        await shutdown.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processing);
        Assert.False(plugin.IsStuck);
        // Shutting down is not a plugin failure.
        Assert.True(plugin.IsActive);
    }

    [Fact]
    public async Task Reload_WhileAnEventIsInFlight_SwapsAfterThatEvent()
    {
        _dir.Copy("PluginReload", "gated.csx");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = new PluginTestHost(_dir);
        host.Connections.InfoGate = () => release.Task;
        await host.LoadAsync();
        var plugin = host["gated"];

        var first = plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None);
        await Eventually.TrueAsync(() => host.Logs.Contains("gated-v1 start 1"), "event 1 in flight");
        _dir.Overwrite("PluginReload", "gated_v2.csx", "gated.csx");
        var reload = host.Collection.ReloadAllAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => host.Compiler.RoslynCompilations == 2, "the new version compiled");

        Assert.Equal(1, plugin.Generation);
        Assert.False(reload.IsCompleted);
        release.SetResult();
        Assert.Equal(PluginOutcome.Handled, await first);
        await reload;
        Assert.Equal(2, plugin.Generation);
        Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(2), CancellationToken.None));

        Assert.Equal(["gated-v1 start 1", "gated-v1 end 1", "gated-v2 start 2", "gated-v2 end 2"], host.Logs.Messages("plugin.gated.OnEvent"));
    }

    [Fact]
    public async Task Connections_AreCreatedOnFirstUseOncePerCredentialPair()
    {
        _dir.Copy("PluginConnections", "connections.csx");
        _dir.Copy("PluginConnections", "quiet.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        Assert.Equal(0, host.Connections.CreateCount);

        await host["quiet"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);
        await host["connections"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);
        Assert.Equal([("shared_script", "shared-secret-key")], host.Connections.Created.Select(c => (c.ScriptName, c.ScriptKey)));

        await host["connections"].ProcessAsync(TestEvents.Make(2, "Shotgun_Shot_New", null), CancellationToken.None);
        Assert.Equal(["shared_script", "other_script"], host.Connections.Created.Select(c => c.ScriptName));

        // A reload keeps the plugin's connections.
        await host.Collection.ReloadAllAsync(CancellationToken.None);
        await host["connections"].ProcessAsync(TestEvents.Make(3, "Shotgun_Shot_New", null), CancellationToken.None);
        Assert.Equal(2, host.Connections.CreateCount);
        // Both shared callbacks used the one shared connection on each of the three events.
        Assert.Equal(6, RecordingShotgun.Of(host.Connections.Created.First().Connection).SessionUuidsAtInfo.Count);
    }

    [Fact]
    public async Task Connections_ScriptKeysAreRegisteredAsSecrets()
    {
        _dir.Copy("PluginConnections", "quiet.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        Assert.True(SecretMasker.ContainsSecret("key: quiet-secret-key"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Connections_UseSessionUuid_CopiesTheEventsUuidBeforeEachCall(bool useSessionUuid)
    {
        _dir.Copy("PluginConnections", "connections.csx");
        await using var host = new PluginTestHost(_dir, o => o.UseSessionUuid = useSessionUuid);
        await host.LoadAsync();

        await host["connections"].ProcessAsync(TestEvents.Make(1, sessionUuid: "browser-1"), CancellationToken.None);
        await host["connections"].ProcessAsync(TestEvents.Make(2, sessionUuid: null), CancellationToken.None);

        var seen = RecordingShotgun.Of(host.Connections.Created.Single().Connection).SessionUuidsAtInfo;
        Assert.Equal(useSessionUuid ? ["browser-1", "browser-1", null, null] : [null, null, null, null], seen);
    }

    private static async Task<PluginOutcome> AdvanceUntilDoneAsync(FakeTimeProvider time, Task<PluginOutcome> processing)
    {
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return processing.IsCompleted;
        }, "the event to finish on the fake clock");
        return await processing;
    }
}
