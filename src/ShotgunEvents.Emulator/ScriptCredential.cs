namespace ShotgunEvents.Emulator;

/// <summary>A script (ApiUser) that may call the emulated site: its name and application key.</summary>
/// <param name="Name">The script name (<c>script_name</c>); the ApiUser's <c>firstname</c>.</param>
/// <param name="Key">The application key (<c>script_key</c>). Never printed.</param>
public sealed record ScriptCredential(string Name, string Key)
{
    /// <summary>Names the script and hides the key.</summary>
    /// <returns>A text without the key.</returns>
    public override string ToString() => $"ScriptCredential {{ Name = {Name}, Key = *** }}";
}
