using System.Net;
using ShotgunEvents.Client;

namespace ShotgunEvents.Tests.Client;

public sealed class ShotgunClientOptionsTests
{
    [Theory]
    [InlineData("", "Site is empty")]
    [InlineData("mystudio.shotgrid.autodesk.com", "Site must be an http:// or https:// address; got 'mystudio.shotgrid.autodesk.com'")]
    [InlineData("ftp://host", "Site must be an http:// or https:// address")]
    [InlineData("https://host/?a=1", "Site must not have a query or fragment")]
    public void Pool_BadSite_ThrowsNamingTheOption(string site, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShotgunConnectionPool(new ShotgunClientOptions { Site = site }));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Pool_SiteWithPassword_ThrowsWithoutEchoingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShotgunConnectionPool(new ShotgunClientOptions { Site = "https://bob:hunter2-pw@host" }));

        Assert.Contains("must not carry a user name or password", ex.Message);
        Assert.DoesNotContain("hunter2-pw", ex.Message);
    }

    [Fact]
    public void Pool_SeveralBadOptions_ListsThemAll()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShotgunConnectionPool(new ShotgunClientOptions
        {
            Site = "https://host",
            Timeout = TimeSpan.FromMilliseconds(1),
            MaxRetries = -1,
            RetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryAfter = TimeSpan.FromSeconds(-1),
            Proxy = "ftp://proxy:1",
        }));

        Assert.StartsWith("Invalid Shotgun client options:", ex.Message);
        Assert.Contains("Timeout must be between 10 ms and 1 day; got 00:00:00.0010000", ex.Message);
        Assert.Contains("MaxRetries must be between 0 and 100; got -1", ex.Message);
        Assert.Contains("MaxRetryDelay must be positive and at least RetryDelay", ex.Message);
        Assert.Contains("MaxRetryAfter must not be negative", ex.Message);
        Assert.Contains("Proxy must use http, https or socks5; got 'ftp'", ex.Message);
    }

    [Fact]
    public void Pool_Defaults_AreValid()
    {
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = "https://mystudio.shotgrid.autodesk.com" });

        Assert.Equal(new Uri("https://mystudio.shotgrid.autodesk.com/api3/json"), pool.Endpoint);
    }

    [Theory]
    [InlineData("http://proxy.local:3128", "http://proxy.local:3128/")]
    [InlineData("proxy.local:3128", "http://proxy.local:3128/")]
    [InlineData("proxy.local", "http://proxy.local:8080/")]
    [InlineData("https://proxy.local", "https://proxy.local:8080/")]
    [InlineData("10.0.0.5:80", "http://10.0.0.5:80/")]
    public void Pool_Proxy_ConfiguresTheSharedHandler(string setting, string expected)
    {
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = "https://host", Proxy = setting });

        Assert.True(pool.Handler.UseProxy);
        var proxy = Assert.IsType<WebProxy>(pool.Handler.Proxy);
        Assert.Equal(new Uri(expected), proxy.Address);
        Assert.Null(proxy.Credentials);
        Assert.False(proxy.BypassProxyOnLocal);
    }

    [Fact]
    public void Pool_ProxyWithCredentials_SetsThemAndHidesThePassword()
    {
        var options = new ShotgunClientOptions { Site = "https://host", Proxy = "http://proxyuser:pr0xy%40pw@proxy.local:3128" };
        using var pool = new ShotgunConnectionPool(options);

        var credentials = Assert.IsType<NetworkCredential>(Assert.IsType<WebProxy>(pool.Handler.Proxy).Credentials);
        Assert.Equal("proxyuser", credentials.UserName);
        Assert.Equal("pr0xy@pw", credentials.Password);
        Assert.DoesNotContain("pr0xy", options.ToString());
        Assert.Contains("proxyuser:***@proxy.local:3128", options.ToString());
    }

    [Fact]
    public void Pool_NoProxy_LeavesTheSystemProxySettings()
    {
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = "https://host" });

        Assert.Null(pool.Handler.Proxy);
        Assert.True(pool.Handler.UseProxy);
    }

    [Fact]
    public void Pool_ConnectionsShareOneHandler()
    {
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = "https://host" });

        var a = pool.Connect(ShotgunCredentials.Script("a", "ka"));
        var b = pool.Connect(ShotgunCredentials.Script("b", "kb"), sessionUuid: "s", sudoAsLogin: "jane");

        Assert.NotSame(a, b);
        Assert.Equal("s", b.SessionUuid);
        Assert.Equal("jane", b.SudoAsLogin);
        Assert.Null(a.SessionUuid);
        Assert.Same(pool.Transport, pool.Transport);
    }

    [Fact]
    public void Connect_AfterDispose_Throws()
    {
        var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = "https://host" });
        pool.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pool.Connect(ShotgunCredentials.Script("a", "k")));
    }

    [Theory]
    [InlineData("", "k", "The script name is empty")]
    [InlineData("bot", " ", "The key of script 'bot' is empty")]
    public void Script_EmptyParts_ThrowClearly(string name, string key, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => ShotgunCredentials.Script(name, key));

        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void Credentials_ToString_NamesWhoButNeverTheSecret()
    {
        Assert.Equal("script 'bot'", ShotgunCredentials.Script("bot", "s3cr3t-key").ToString());
        Assert.Equal("user 'jane'", ShotgunCredentials.User("jane", "s3cr3t-pw").ToString());
        Assert.Equal("session token", ShotgunCredentials.SessionToken("s3cr3t-tok").ToString());
    }
}
