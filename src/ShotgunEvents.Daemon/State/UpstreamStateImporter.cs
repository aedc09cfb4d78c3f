using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Razorvine.Pickle;

namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Reads an upstream shotgunEvents state file (<c>shotgunEventDaemon.id</c>) for <c>shotgun-events migrate-state</c>.
/// Two formats (upstream §5.1): a pickle (protocol 2 from Python 2 or 3, or 5) of
/// <c>{collection path: {plugin: (lastEventId | None, {missing id: naive local expiry})}}</c>; or the pre-2011 file
/// holding one plain integer, which named no plugin, so it becomes <see cref="DaemonState.DefaultLastEventId"/>.
/// Backlog ids with the same expiry in a row become one range; expiries, naive local times, are read in
/// <c>localZone</c> and stored in UTC.
/// </summary>
internal static class UpstreamStateImporter
{
    /// <summary>Imports <paramref name="path"/>, reading naive times in the machine's time zone.</summary>
    public static DaemonState Import(string path) => Import(path, TimeZoneInfo.Local);

    /// <summary>Imports <paramref name="path"/>.</summary>
    /// <param name="path">The upstream state file.</param>
    /// <param name="localZone">The zone the upstream daemon ran in (its expiries are naive local times).</param>
    /// <exception cref="StateFileException">The file cannot be read or is not an upstream state file.</exception>
    public static DaemonState Import(string path, TimeZoneInfo localZone)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateFileException(path, $"Cannot read the upstream state file {path}: {e.Message}", e);
        }

        if (bytes.Length == 0)
        {
            throw new StateFileException(path, $"The upstream state file {path} is empty: there is nothing to migrate (upstream #38: a write was interrupted).");
        }

        if (PlainInteger(bytes) is { } lastId)
        {
            return new DaemonState { DefaultLastEventId = lastId };
        }

        object? root;
        try
        {
            using var unpickler = new Unpickler();
            root = unpickler.loads(bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Razorvine reports truncation as IndexOutOfRangeException and unknown opcodes as PickleException.
            throw new StateFileException(path, $"The upstream state file {path} is not a readable pickle (truncated or damaged?): {e.Message}", e);
        }

        try
        {
            return Convert(root, localZone);
        }
        catch (FormatException e)
        {
            throw new StateFileException(path, $"The upstream state file {path} does not hold shotgunEvents state: {e.Message}", e);
        }
    }

    private static long? PlainInteger(byte[] bytes)
    {
        if (bytes[0] == 0x80)
        {
            return null;
        }

        var firstLine = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64)).Split('\n')[0].Trim();
        return long.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static DaemonState Convert(object? root, TimeZoneInfo zone)
    {
        var collections = root as IDictionary ?? throw new FormatException("the top level is not a dict of collections");
        var state = new DaemonState();
        foreach (DictionaryEntry collection in collections)
        {
            var path = Text(collection.Key, "a collection path");
            var plugins = collection.Value as IDictionary ?? throw new FormatException($"collection '{path}' is not a dict of plugins");
            state.AddCollection(path);
            foreach (DictionaryEntry plugin in plugins)
            {
                var name = Text(plugin.Key, $"a plugin name in '{path}'");
                state.Set(path, name, ConvertPlugin(plugin.Value, $"'{path}' / '{name}'", zone));
            }
        }

        return state;
    }

    private static PluginState ConvertPlugin(object? value, string where, TimeZoneInfo zone)
    {
        if (value is not object[] { Length: 2 } tuple)
        {
            throw new FormatException($"{where} is not a (last id, backlog) pair");
        }

        long? lastId = tuple[0] is null ? null : Id(tuple[0], where);
        var backlog = Backlog.Empty;
        if (tuple[1] is IDictionary entries)
        {
            var ids = new SortedDictionary<long, DateTimeOffset>();
            foreach (DictionaryEntry entry in entries)
            {
                var expiry = entry.Value as DateTime? ?? throw new FormatException($"{where} has a backlog expiry that is not a datetime");
                ids[Id(entry.Key, where)] = ToUtc(expiry, zone);
            }

            backlog = WithRuns(ids);
        }
        else if (tuple[1] is not null)
        {
            throw new FormatException($"{where} has a backlog that is not a dict");
        }

        return new PluginState(lastId, backlog);
    }

    // Consecutive ids sharing an expiry were one gap upstream; keep them as one range.
    private static Backlog WithRuns(SortedDictionary<long, DateTimeOffset> ids)
    {
        var backlog = Backlog.Empty;
        long? from = null, to = null;
        DateTimeOffset expires = default;
        foreach (var (id, expiry) in ids)
        {
            if (from is not null && id == to + 1 && expiry == expires)
            {
                to = id;
                continue;
            }

            if (from is { } f)
            {
                backlog = backlog.Add(f, to!.Value, expires);
            }

            (from, to, expires) = (id, id, expiry);
        }

        if (from is { } last)
        {
            backlog = backlog.Add(last, to!.Value, expires);
        }

        return backlog;
    }

    private static DateTimeOffset ToUtc(DateTime naive, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(naive, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private static long Id(object? value, string where) =>
        value switch
        {
            int i and >= 0 => i,
            long l and >= 0 => l,
            BigInteger b when b >= 0 && b <= long.MaxValue => (long)b,
            _ => throw new FormatException($"{where} has an event id that is not a whole number: {value}"),
        };

    private static string Text(object? value, string what) =>
        value switch
        {
            string s => s,
            byte[] b => Encoding.UTF8.GetString(b),
            _ => throw new FormatException($"{what} is not a string"),
        };
}
