namespace ShotgunEvents.Emulator;

/// <summary>
/// The well-known credentials of the <see cref="EmulatorSeed.Demo"/> site. They protect nothing: the demo site is a
/// local playground bound to loopback by default.
/// </summary>
public static class DemoCredentials
{
    /// <summary>The demo pipeline script's name.</summary>
    public const string ScriptName = "demo_pipeline";

    /// <summary>The demo pipeline script's key.</summary>
    public const string ScriptKey = "demo-pipeline-key";

    /// <summary>The password of every demo HumanUser (logins such as <c>jane.doe</c>; see the README).</summary>
    public const string UserPassword = "demo";

    /// <summary>The login of the demo's production coordinator.</summary>
    public const string CoordinatorLogin = "jane.doe";
}
