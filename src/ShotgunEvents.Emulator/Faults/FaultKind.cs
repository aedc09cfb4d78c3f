namespace ShotgunEvents.Emulator.Faults;

/// <summary>What an injected fault does to an api3 call.</summary>
internal enum FaultKind
{
    /// <summary>Answer an HTTP error status (5xx, 429), with Retry-After when set.</summary>
    Fail,

    /// <summary>Wait, then answer normally.</summary>
    Hang,

    /// <summary>Abort the connection without an answer.</summary>
    Reset,

    /// <summary>Answer 200 with a body that is not JSON.</summary>
    Malformed,

    /// <summary>Answer the api3 authentication fault (error_code 102).</summary>
    AuthFail,
}
