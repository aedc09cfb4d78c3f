using System.Net;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary>The admin endpoints answer only callers on this machine, even when the site listens on a network address.</summary>
internal static class LoopbackGuard
{
    public static bool IsLoopback(IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return IPAddress.IsLoopback(remote);
    }
}
