using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Client;

/// <summary>
/// Who a connection authenticates as: a script (name and key), a user (login and password) or a session token.
/// The key, password and token are kept out of <see cref="ToString"/> and every error message.
/// </summary>
public sealed class ShotgunCredentials
{
    private readonly JObject _auth;
    private readonly string[] _secrets;

    private ShotgunCredentials(JObject auth, string description, params string?[] secrets)
    {
        _auth = auth;
        Description = description;
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();
    }

    /// <summary>A readable name for logs: <c>script 'name'</c>, <c>user 'login'</c> or <c>session token</c>.</summary>
    public string Description { get; }

    /// <summary>The script name or user login; null for a session token.</summary>
    public string? Name => _auth.Value<string>("script_name") ?? _auth.Value<string>("user_login");

    /// <summary>The values that must never be shown: key, password, token.</summary>
    internal IReadOnlyList<string> Secrets => _secrets;

    /// <summary>Script credentials, as set up on the site's Scripts page.</summary>
    /// <param name="scriptName">The script name.</param>
    /// <param name="scriptKey">The application key.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ArgumentException">The name or key is empty.</exception>
    public static ShotgunCredentials Script(string scriptName, string scriptKey)
    {
        Require(scriptName, "The script name", nameof(scriptName));
        Require(scriptKey, $"The key of script '{scriptName}'", nameof(scriptKey));
        return new ShotgunCredentials(
            new JObject { ["script_name"] = scriptName, ["script_key"] = scriptKey },
            $"script '{scriptName}'",
            scriptKey);
    }

    /// <summary>User credentials (login and password), with a two-factor token when the site asks for one.</summary>
    /// <param name="login">The user's login.</param>
    /// <param name="password">The password.</param>
    /// <param name="authToken">A two-factor token, or null.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ArgumentException">The login or password is empty.</exception>
    public static ShotgunCredentials User(string login, string password, string? authToken = null)
    {
        Require(login, "The user login", nameof(login));
        Require(password, $"The password of user '{login}'", nameof(password));
        var auth = new JObject { ["user_login"] = login, ["user_password"] = password };
        if (!string.IsNullOrEmpty(authToken))
        {
            auth["auth_token"] = authToken;
        }

        return new ShotgunCredentials(auth, $"user '{login}'", password, authToken);
    }

    /// <summary>An existing session token (from a browser or <c>get_session_token</c>).</summary>
    /// <param name="sessionToken">The token.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public static ShotgunCredentials SessionToken(string sessionToken)
    {
        Require(sessionToken, "The session token", nameof(sessionToken));
        return new ShotgunCredentials(
            new JObject { ["session_token"] = sessionToken, ["reject_if_expired"] = true },
            "session token",
            sessionToken);
    }

    /// <summary>The auth dict of a call (protocol §2.2): a fresh copy the caller may extend.</summary>
    /// <returns>A new JSON object.</returns>
    internal JObject ToAuthParams() => (JObject)_auth.DeepClone();

    /// <inheritdoc />
    public override string ToString() => Description;

    private static void Require(string? value, string what, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is empty.", parameter);
        }
    }
}
