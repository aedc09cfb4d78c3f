using System.Security.Cryptography;
using System.Text;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// The compile-cache key: SHA-256 over the host identity (references, compiler, options), the plugin's class name and
/// every file the plugin was built from (path and content hash), in order.
/// </summary>
internal static class CacheKey
{
    public const int FormatVersion = 1;

    public static string Compute(string pluginName, IEnumerable<FileStamp> dependencies)
    {
        var text = new StringBuilder()
            .Append("format=").Append(FormatVersion).Append('\n')
            .Append("host=").Append(HostReferences.Identity).Append('\n')
            .Append("class=").Append(ScriptNames.ClassName(pluginName)).Append('\n');
        foreach (var stamp in dependencies)
        {
            text.Append(stamp.Path).Append('\0').Append(stamp.Sha256 ?? "missing").Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
