using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Client;

/// <summary>The script key, passwords and tokens never reach an exception message, ToString or a retry notice.</summary>
public sealed class SecretLeakTests
{
    private const string Key = "Zk-LEAK-CANARY-8841-key";
    private const string WrongKey = "Zk-LEAK-CANARY-8841-wrong";
    private const string Password = "Zk-LEAK-CANARY-8841-pw";
    private const string ProxyPassword = "Zk-LEAK-CANARY-8841-proxy";

    [Fact]
    public async Task EveryErrorPath_KeepsTheSecretsOut()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Scripts = [new ScriptCredential("leak", Key)] });
        var notices = new List<ShotgunRetryNotice>();
        var options = new ShotgunClientOptions
        {
            Site = server.BaseUri.ToString(),
            Timeout = TimeSpan.FromSeconds(10),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            OnRetry = notices.Add,
        };
        using var pool = new ShotgunConnectionPool(options);
        var client = pool.Connect(ShotgunCredentials.Script("leak", Key));
        var wrong = pool.Connect(ShotgunCredentials.Script("leak", WrongKey));
        var user = pool.Connect(ShotgunCredentials.User("nobody", Password));
        await client.InfoAsync();
        var errors = new List<Exception>
        {
            await Capture(() => wrong.FindAsync("Shot", null)),
            await Capture(() => user.FindAsync("Shot", null)),
            await Capture(() => client.FindAsync("Shot", Filter.Is("foo", Key))),
            await Capture(() => client.CreateAsync("Shot", new { code = Key, nope = Key })),
        };
        server.Faults.FailNext(1, 500);
        errors.Add(await Capture(() => client.FindAsync("Shot", null)));
        server.Faults.FailNext(2, 503);
        errors.Add(await Capture(() => client.FindAsync("Shot", null)));
        server.Faults.MalformedNext(1);
        errors.Add(await Capture(() => client.FindAsync("Shot", null)));
        server.Faults.ResetNext(2);
        errors.Add(await Capture(() => client.FindAsync("Shot", null)));
        using (var impatient = new ShotgunConnectionPool(new ShotgunClientOptions { Site = options.Site, Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 }))
        {
            server.Faults.HangNext(1, TimeSpan.FromSeconds(30));
            errors.Add(await Capture(() => impatient.Connect(ShotgunCredentials.Script("leak", Key)).DeleteAsync("Shot", 1)));
        }

        server.Faults.AuthFailNext(1);
        errors.Add(await Capture(() => client.FindAsync("Shot", null)));

        Assert.Equal(
            [typeof(AuthenticationFault), typeof(AuthenticationFault), typeof(ShotgunFault), typeof(ShotgunFault), typeof(ProtocolError),
             typeof(ProtocolError), typeof(ProtocolError), typeof(ShotgunConnectionError), typeof(ShotgunConnectionError), typeof(AuthenticationFault)],
            errors.Select(e => e.GetType()));
        var texts = errors.SelectMany(e => new[] { e.Message, e.ToString() })
            .Concat(notices.Select(n => n.ToString()))
            .Concat([client.ToString(), wrong.ToString(), user.ToString(), pool.ToString(), options.ToString()]);
        Assert.All(texts, text => Assert.DoesNotContain("Zk-LEAK-CANARY", text));
        Assert.NotEmpty(notices);
    }

    [Fact]
    public void ProxyPassword_StaysOutOfOptionsAndValidationErrors()
    {
        var good = new ShotgunClientOptions { Site = "https://host", Proxy = $"http://me:{ProxyPassword}@proxy:3128" };
        var bad = new ShotgunClientOptions { Site = "https://host", Proxy = $"ftp://me:{ProxyPassword}@proxy:3128", Timeout = TimeSpan.Zero };

        using var pool = new ShotgunConnectionPool(good);
        var ex = Assert.Throws<ArgumentException>(() => new ShotgunConnectionPool(bad));

        Assert.DoesNotContain(ProxyPassword, good.ToString());
        Assert.DoesNotContain(ProxyPassword, pool.ToString());
        Assert.DoesNotContain(ProxyPassword, ex.ToString());
    }

    [Fact]
    public void Credentials_NeverShowTheSecretInToStringOrValidationErrors()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShotgunCredentials.Script(" ", Key));

        Assert.DoesNotContain(Key, ex.ToString());
        Assert.DoesNotContain(Key, ShotgunCredentials.Script("bot", Key).ToString());
        Assert.DoesNotContain(Password, ShotgunCredentials.User("jane", Password, Password).ToString());
        Assert.DoesNotContain(Key, ShotgunCredentials.SessionToken(Key).ToString());
    }

    private static async Task<Exception> Capture(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ShotgunError ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("The call was expected to fail.");
    }
}
