using NLog;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Register_UrlEncodedAndJsonEscapedForms_AreMaskedToo()
    {
        var secret = "k$y/" + Guid.NewGuid().ToString("N") + "\"&+";
        Assert.True(SecretMasker.Register(secret));

        Assert.Equal("a ******** b", SecretMasker.Mask("a " + secret + " b"));
        Assert.Equal("?script_key=********", SecretMasker.Mask("?script_key=" + Uri.EscapeDataString(secret)));
        Assert.Equal("{\"script_key\":\"********\"}",
            SecretMasker.Mask("{\"script_key\":" + Newtonsoft.Json.JsonConvert.ToString(secret) + "}"));
    }

    [Fact]
    public void Register_SecretContainingAnotherSecret_IsMaskedWhole()
    {
        var inner = Guid.NewGuid().ToString("N");
        var outer = "prefix-" + inner + "-suffix";
        SecretMasker.Register(inner);
        SecretMasker.Register(outer);

        Assert.Equal("x ******** y ********", SecretMasker.Mask($"x {outer} y {inner}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    public void Register_BlankOrTooShort_IsIgnored(string? secret)
    {
        Assert.False(SecretMasker.Register(secret));
        Assert.Equal("abc def", SecretMasker.Mask("abc def"));
    }

    [Fact]
    public void Masked_EventWithoutSecret_IsPassedOnUntouched()
    {
        SecretMasker.Register("never-logged-" + Guid.NewGuid().ToString("N"));
        var logEvent = LogEventInfo.Create(LogLevel.Info, "engine", null, "nothing secret {Id}", [7]);

        Assert.False(SecretMaskingTargetWrapper.NeedsMasking(logEvent));
    }

    [Fact]
    public void Masked_ExceptionWithSecret_KeepsItsTypeNameAndStackTraceMasked()
    {
        var secret = Guid.NewGuid().ToString("N");
        SecretMasker.Register(secret);
        Exception thrown;
        try
        {
            throw new InvalidOperationException("key " + secret);
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var logEvent = LogEventInfo.Create(LogLevel.Error, "engine", thrown, null, "failed");
        var masked = SecretMaskingTargetWrapper.Masked(logEvent);

        var exception = Assert.IsType<MaskedException>(masked.Exception);
        Assert.Equal(typeof(InvalidOperationException).FullName, exception.OriginalType);
        Assert.Equal("key ********", exception.Message);
        Assert.StartsWith("System.InvalidOperationException: key ********", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(Masked_ExceptionWithSecret_KeepsItsTypeNameAndStackTraceMasked), exception.ToString(), StringComparison.Ordinal);
        Assert.Equal(logEvent.TimeStamp, masked.TimeStamp);
    }
}
