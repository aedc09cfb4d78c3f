using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// Reads the api3 auth dict (protocol §2.2): <c>script_name</c>/<c>script_key</c>, <c>user_login</c>/<c>user_password</c>,
/// or <c>session_token</c>; plus <c>session_uuid</c> and <c>sudo_as_login</c>. Failures are error 102 with the site's text.
/// </summary>
internal static class AuthResolver
{
    public static Actor Resolve(SiteData site, JObject? auth)
    {
        if (auth is null)
        {
            throw Fail("No authentication parameters were sent: send script_name and script_key, user_login and user_password, or session_token.");
        }

        var actual = Authenticate(site, auth);
        var sessionUuid = auth.Value<string?>("session_uuid");
        var logs = actual.Type != "ApiUser"
            || (site.Find(actual.Type, actual.Id)?.Stored("generate_event_log_entries") is { Type: JTokenType.Boolean } flag && (bool)flag);
        var sudo = auth.Value<string?>("sudo_as_login");
        if (string.IsNullOrEmpty(sudo))
        {
            return new Actor(actual, sessionUuid, null, logs);
        }

        // A script may act as anyone; a person needs the sudo permission, which only the Admin permission group has. The
        // permission is checked before the target user is looked up (a site refuses a person even for an unknown login).
        if (actual.Type == "HumanUser" && !IsAdmin(site, actual))
        {
            throw Fail($"The user does not have permission to 'sudo': {(string?)site.Find(actual.Type, actual.Id)?.Stored("login")} cannot act as '{sudo}'");
        }

        var person = FindUser(site, sudo) ?? throw Fail($"Cannot 'sudo' - unknown or retired user '{sudo}'");
        return new Actor(person.Key, sessionUuid, actual, logs);
    }

    private static EntityKey Authenticate(SiteData site, JObject auth)
    {
        if (auth.Value<string?>("script_name") is { } scriptName)
        {
            var key = auth.Value<string?>("script_key");
            var script = EmulatorStore.FindApiUser(site, scriptName);
            return script is not null && key is not null && IsActive(script) && site.Credentials.CheckScriptKey(script.Id, key)
                ? script.Key
                : throw Fail($"Can't authenticate script '{scriptName}'");
        }

        if (auth.Value<string?>("user_login") is { } login)
        {
            var password = auth.Value<string?>("user_password");
            var user = FindUser(site, login);
            return user is not null && password is not null && site.Credentials.CheckPassword(user.Id, password)
                ? user.Key
                : throw Fail($"Can't authenticate user '{login}'.");
        }

        if (auth.Value<string?>("session_token") is { } token)
        {
            return site.Credentials.TryGetSession(token, out var user) && site.FindLive(user.Type, user.Id) is not null
                ? user
                : throw Fail("Authentication failed: the session token has expired or is not valid.");
        }

        throw Fail("No authentication parameters were sent: send script_name and script_key, user_login and user_password, or session_token.");
    }

    private static EntityRecord? FindUser(SiteData site, string login) =>
        site.Table("HumanUser").Records.Values.FirstOrDefault(r => !r.Retired && IsActive(r)
            && string.Equals((string?)r.Stored("login"), login, StringComparison.OrdinalIgnoreCase));

    private static bool IsAdmin(SiteData site, EntityKey user) =>
        site.Find(user.Type, user.Id)?.Stored("permission_rule_set") is JObject { } group
        && site.FindLive((string)group["type"]!, (int)group["id"]!) is { } rules
        && string.Equals((string?)rules.Stored("code"), "Admin", StringComparison.OrdinalIgnoreCase);

    private static bool IsActive(EntityRecord record) => (string?)record.Stored("sg_status_list") is null or "act";

    private static EmulatorException Fail(string message) => new(ErrorCodes.Authentication, message);
}
