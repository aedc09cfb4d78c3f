using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// Script keys and user passwords (kept only as SHA-256 hashes, so no secret sits in memory dumps, snapshots or
/// ToString), and the session tokens handed out by <c>get_session_token</c>.
/// </summary>
internal sealed class Credentials
{
    private readonly Dictionary<int, string> _scriptKeys = [];
    private readonly Dictionary<int, string> _passwords = [];
    private readonly ConcurrentDictionary<string, EntityKey> _sessions = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<int, string> ScriptKeyHashes => _scriptKeys;

    public IReadOnlyDictionary<int, string> PasswordHashes => _passwords;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void SetScriptKey(int apiUserId, string key) => _scriptKeys[apiUserId] = Hash(key);

    public void SetScriptKeyHash(int apiUserId, string hash) => _scriptKeys[apiUserId] = hash;

    public void RemoveScriptKey(int apiUserId) => _scriptKeys.Remove(apiUserId);

    public bool CheckScriptKey(int apiUserId, string key) =>
        _scriptKeys.TryGetValue(apiUserId, out var hash) && FixedTimeEquals(hash, Hash(key));

    public void SetPassword(int humanUserId, string password) => _passwords[humanUserId] = Hash(password);

    public void SetPasswordHash(int humanUserId, string hash) => _passwords[humanUserId] = hash;

    public void RemovePassword(int humanUserId) => _passwords.Remove(humanUserId);

    public bool CheckPassword(int humanUserId, string password) =>
        _passwords.TryGetValue(humanUserId, out var hash) && FixedTimeEquals(hash, Hash(password));

    public string IssueSession(EntityKey user)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _sessions[token] = user;
        return token;
    }

    public bool TryGetSession(string token, out EntityKey user) => _sessions.TryGetValue(token, out user);

    public void ExpireSessions() => _sessions.Clear();

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
