using System.Text;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Emulator.Support;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JObject Json => TestSite.Parse(Encoding.UTF8.GetString(Body));

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
