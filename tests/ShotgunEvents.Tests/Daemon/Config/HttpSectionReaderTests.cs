using System.Net;
using ShotgunEvents.Daemon.Config;

namespace ShotgunEvents.Tests.Daemon.Config;

public sealed class HttpSectionReaderTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DaemonSettings Load(string http, params (string Name, string Value)[] env) =>
        ConfigLoader.Load(_dir.Write(File.ReadAllText(_dir.WriteMinimal()) + "\n[http]\n" + http), ConfigDirectory.Env(env));

    private IReadOnlyList<string> ErrorsOf(string http) =>
        Assert.Throws<ConfigException>(() => Load(http)).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Read_NoSection_ListenerOff()
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(), ConfigDirectory.Env());

        Assert.False(settings.Http.Enabled);
        Assert.Null(settings.Http.Listen);
    }

    [Fact]
    public void Read_LoopbackWithSecretFromEnvironment_ParsedAndSecretHidden()
    {
        var settings = Load("listen = 127.0.0.1:9810\nwebhook_secret = %(SG_WEBHOOK_SECRET)s", ("SG_WEBHOOK_SECRET", "s3cr3t-value"));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9810), settings.Http.Listen);
        Assert.Equal("s3cr3t-value", settings.Http.WebhookSecret);
        Assert.DoesNotContain("s3cr3t-value", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PublicAddressWithoutSecret_ErrorNamesSectionKeyAndReason()
    {
        var error = Assert.Single(ErrorsOf("listen = 0.0.0.0:9810"));

        Assert.Contains("[http] webhook_secret", error, StringComparison.Ordinal);
        Assert.Contains("not a loopback address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PublicAddressWebhookOff_NoSecretNeeded()
    {
        var settings = Load("listen = 0.0.0.0:9810\nwebhook = false");

        Assert.Equal(IPAddress.Any, settings.Http.Listen!.Address);
        Assert.False(settings.Http.Webhook);
    }

    [Theory]
    [InlineData("listen = 9810", "is not host:port")]
    [InlineData("listen = 127.0.0.1:99999", "has no valid port")]
    [InlineData("listen = daemon.example.com:9810", "needs an IP address")]
    public void Read_BadListen_ErrorNamesKeyAndReason(string line, string reason)
    {
        var error = Assert.Single(ErrorsOf(line));

        Assert.Contains("[http] listen", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
