using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>Error mapping and bounded retries under every fault the emulator can inject, counted on the server side.</summary>
public sealed class ShotgunClientFaultTests
{
    [Fact]
    public async Task UnknownField_IsAShotgunFaultWithTheSiteText_NotRetried()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();

        var ex = await Assert.ThrowsAsync<ShotgunFault>(() => site.Client.FindAsync("Shot", Filter.Is("foo", 1), "code"));

        Assert.Equal("API read() Shot.foo doesn't exist.", ex.Message);
        Assert.NotEqual(AuthenticationFault.Code, ex.ErrorCode);
        Assert.Equal("read", ex.Method);
        Assert.Equal(1, site.Faults.CallCount - before);
        Assert.Empty(site.Retries);
    }

    [Fact]
    public async Task UnknownFieldOnCreate_IsAShotgunFault()
    {
        await using var site = await EmulatorSite.StartAsync();

        var ex = await Assert.ThrowsAsync<ShotgunFault>(() => site.Client.CreateAsync("Shot", new { code = "x", nope = 1 }));

        Assert.Contains("Shot.nope", ex.Message);
    }

    [Fact]
    public async Task BadKey_IsAnAuthenticationFault_NotRetried()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();
        var wrong = site.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, "not-the-key"));

        var ex = await Assert.ThrowsAsync<AuthenticationFault>(() => wrong.FindAsync("Shot", null));

        Assert.Equal(102, ex.ErrorCode);
        Assert.Equal("Can't authenticate script 'test'", ex.Message);
        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task ExpiredSession_IsAnAuthenticationFault_NotRetried()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();
        site.Faults.AuthFailNext(1);

        await Assert.ThrowsAsync<AuthenticationFault>(() => site.Client.FindAsync("Shot", null));

        Assert.Equal(1, site.Faults.CallCount - before);
        Assert.NotNull(await site.Client.FindOneAsync("Project", null) ?? (object)"ok");
    }

    [Fact]
    public async Task MalformedBody_IsAProtocolError_NotRetried()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();
        site.Faults.MalformedNext(1);

        var ex = await Assert.ThrowsAsync<ProtocolError>(() => site.Client.FindAsync("Shot", null));

        Assert.Null(ex.StatusCode);
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task Http500_IsAProtocolError_NotRetried()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();
        site.Faults.FailNext(1, 500);

        var ex = await Assert.ThrowsAsync<ProtocolError>(() => site.Client.FindAsync("Shot", null));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task TransientStatus_IsRetriedUntilItPasses(int status)
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();
        site.Faults.FailNext(2, status);

        var shots = await site.Client.FindAsync("Shot", null);

        Assert.Empty(shots);
        Assert.Equal(3, site.Faults.CallCount - before);
        Assert.Equal([$"HTTP {status}", $"HTTP {status}"], site.Retries.Select(r => r.Reason));
        Assert.Equal([1, 2], site.Retries.Select(r => r.Attempt));
        Assert.All(site.Retries, r => Assert.Equal("read", r.Method));
    }

    [Fact]
    public async Task TransientStatus_Persisting_GivesUpAfterMaxRetries()
    {
        await using var site = await EmulatorSite.StartAsync(maxRetries: 2);
        var before = await site.WarmUpAsync();
        site.Faults.FailNext(10, 503);

        var ex = await Assert.ThrowsAsync<ProtocolError>(() => site.Client.FindAsync("Shot", null));

        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Contains("maintenance", ex.Message);
        Assert.Equal(3, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task MaxRetriesZero_TriesOnce()
    {
        await using var site = await EmulatorSite.StartAsync(maxRetries: 0);
        var before = await site.WarmUpAsync();
        site.Faults.FailNext(10, 502);

        await Assert.ThrowsAsync<ProtocolError>(() => site.Client.FindAsync("Shot", null));

        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task ConnectionReset_IsRetried()
    {
        await using var site = await EmulatorSite.StartAsync();
        var before = await site.WarmUpAsync();
        site.Faults.ResetNext(2);

        await site.Client.FindAsync("Shot", null);

        Assert.Equal(3, site.Faults.CallCount - before);
        Assert.Equal(2, site.Retries.Count);
        Assert.All(site.Retries, r => Assert.StartsWith("HttpRequestException", r.Reason));
    }

    [Fact]
    public async Task ConnectionReset_Persisting_IsAConnectionErrorAfterBoundedAttempts()
    {
        await using var site = await EmulatorSite.StartAsync(maxRetries: 2);
        var before = await site.WarmUpAsync();
        site.Faults.ResetNext(10);

        var ex = await Assert.ThrowsAsync<ShotgunConnectionError>(() => site.Client.FindAsync("Shot", null));

        Assert.Equal(3, ex.Attempts);
        Assert.False(ex.TimedOut);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Equal(3, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task Hang_TimesOutAndIsRetried()
    {
        await using var site = await EmulatorSite.StartAsync(timeout: TimeSpan.FromSeconds(2));
        var before = await site.WarmUpAsync();
        site.Faults.HangNext(1, TimeSpan.FromSeconds(60));

        await site.Client.FindAsync("Shot", null);

        Assert.Equal(2, site.Faults.CallCount - before);
        Assert.Equal("timed out after 2 s", Assert.Single(site.Retries).Reason);
    }

    [Fact]
    public async Task Hang_Persisting_IsATimedOutConnectionError()
    {
        await using var site = await EmulatorSite.StartAsync(timeout: TimeSpan.FromMilliseconds(500), maxRetries: 1);
        var before = await site.WarmUpAsync();
        site.Faults.HangNext(5, TimeSpan.FromSeconds(60));

        var ex = await Assert.ThrowsAsync<ShotgunConnectionError>(() => site.Client.FindAsync("Shot", null));

        Assert.True(ex.TimedOut);
        Assert.Equal(2, ex.Attempts);
        Assert.Contains("did not answer read within 0.5 s", ex.Message);
        Assert.Equal(2, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task RetryAfter_IsHonouredOnTheClientClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 12, 0, 0, TimeSpan.Zero));
        await using var site = await EmulatorSite.StartAsync(clientTime: time);
        var before = await site.WarmUpAsync();
        site.Faults.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(7));

        var find = site.Client.FindAsync("Shot", null);
        await Eventually.TrueAsync(() => !site.Retries.IsEmpty, "the retry to be scheduled");

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(site.Retries).Delay);
        Assert.False(find.IsCompleted);
        Assert.Equal(1, site.Faults.CallCount - before);
        var waited = await time.AdvanceUntilDoneAsync(find, TimeSpan.FromSeconds(1), "the retried find");
        Assert.True(waited >= TimeSpan.FromSeconds(7), $"retried after {waited} on the client clock");
        Assert.Equal(2, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheCap_IsCut()
    {
        var time = new FakeTimeProvider();
        await using var site = await EmulatorSite.StartAsync(clientTime: time, maxRetryAfter: TimeSpan.FromSeconds(2));
        await site.WarmUpAsync();
        site.Faults.FailNext(1, 503, retryAfter: TimeSpan.FromSeconds(600));

        var find = site.Client.FindAsync("Shot", null);
        await Eventually.TrueAsync(() => !site.Retries.IsEmpty, "the retry to be scheduled");
        var waited = await time.AdvanceUntilDoneAsync(find, TimeSpan.FromSeconds(1), "the retried find");

        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(site.Retries).Delay);
        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Cancel_DuringBackOff_StopsWithoutAnotherAttempt()
    {
        var time = new FakeTimeProvider();
        await using var site = await EmulatorSite.StartAsync(clientTime: time);
        var before = await site.WarmUpAsync();
        site.Faults.FailNext(1, 503, retryAfter: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();

        var find = site.Client.FindAsync("Shot", null, ["id"], null, cancel.Token);
        await Eventually.TrueAsync(() => !site.Retries.IsEmpty, "the retry to be scheduled");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => find);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task JitteredBackOff_StaysUnderTheMaximumDelay()
    {
        await using var site = await EmulatorSite.StartAsync(maxRetries: 5);
        await site.WarmUpAsync();
        site.Faults.FailNext(5, 502);

        await site.Client.FindAsync("Shot", null);

        Assert.Equal(5, site.Retries.Count);
        Assert.All(site.Retries, r => Assert.InRange(r.Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(20)));
    }
}
