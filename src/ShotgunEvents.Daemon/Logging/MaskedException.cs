namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// Stands in for an exception whose text contained a secret: it renders the original type, message and stack
/// trace with the secrets masked, so <c>${exception}</c> in any layout prints the masked text.
/// </summary>
internal sealed class MaskedException : Exception
{
    private readonly string _text;

    /// <summary>Creates the stand-in from an exception whose message or stack trace contains a secret.</summary>
    public MaskedException(Exception original)
        : base(SecretMasker.Mask(original.Message))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = SecretMasker.Mask(original.ToString());
    }

    /// <summary>The full name of the exception type that was masked.</summary>
    public string OriginalType { get; }

    /// <inheritdoc />
    public override string? StackTrace => null;

    /// <inheritdoc />
    public override string ToString() => _text;
}
