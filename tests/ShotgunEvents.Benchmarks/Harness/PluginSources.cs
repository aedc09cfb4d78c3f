using System.Globalization;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>The <c>.csx</c> plugins the scenarios run: ordinary plugin files, compiled and loaded by the daemon.</summary>
internal static class PluginSources
{
    /// <summary>The one event type the "typed" half of the plugins matches (the live scenarios write this type).</summary>
    public const string TypedEvent = "Shotgun_Shot_Change";

    /// <summary>
    /// A trivial plugin: matches every event (<paramref name="matchAll"/>) or only <see cref="TypedEvent"/>; when
    /// <paramref name="reportTag"/> is set it reports each callback start to <see cref="CallbackSink"/>.
    /// </summary>
    public static string Trivial(bool matchAll, string? reportTag)
    {
        var match = matchAll ? "[\"*\"] = null" : $"[\"{TypedEvent}\"] = null";
        var body = reportTag is null ? "_seen++;" : Report(reportTag);
        return $$"""
            // Benchmark plugin: a trivial callback ({{(matchAll ? "every event" : TypedEvent)}}).
            int _seen;

            void registerCallbacks(Registrar reg)
            {
                reg.RegisterCallback(OnEvent, new MatchEvents { {{match}} });
            }

            void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
            {
                {{body}}
            }

            """;
    }

    /// <summary>A plugin whose callback blocks for <paramref name="millisecondsPerEvent"/> on every event (a slow site call).</summary>
    public static string Slow(int millisecondsPerEvent, string reportTag) => $$"""
        // Benchmark plugin: a slow synchronous callback (blocks its thread like a slow site call would).
        void registerCallbacks(Registrar reg)
        {
            reg.RegisterCallback(OnEvent, new MatchEvents { ["*"] = null });
        }

        void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
        {
            {{Report(reportTag)}}
            System.Threading.Thread.Sleep({{millisecondsPerEvent.ToString(CultureInfo.InvariantCulture)}});
        }

        """;

    /// <summary>Version <paramref name="version"/> of the plugin <c>reload</c> edits: it reports its version as its tag.</summary>
    public static string Versioned(int version) => $$"""
        // Benchmark plugin: edited once per reload; version {{version.ToString(CultureInfo.InvariantCulture)}}.
        void registerCallbacks(Registrar reg)
        {
            reg.RegisterCallback(OnEvent, new MatchEvents { ["*"] = null });
        }

        void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args)
        {
            {{Report(VersionTag(version))}}
        }

        """;

    public static string VersionTag(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="count"/> trivial plugins, the first half matching every event, the rest one type.</summary>
    /// <returns>The plugin names (file names without <c>.csx</c>), which are also their report tags when reporting.</returns>
    public static IReadOnlyList<string> WriteTrivialSet(string directory, int count, bool report)
    {
        Directory.CreateDirectory(directory);
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var matchAll = i < count / 2;
            var name = string.Create(CultureInfo.InvariantCulture, $"{(matchAll ? "all" : "typed")}_{i:00}");
            File.WriteAllText(Path.Combine(directory, name + ".csx"), Trivial(matchAll, report ? name : null));
            names.Add(name);
        }

        return names;
    }

    private static string Report(string tag) =>
        $"(AppContext.GetData(\"{CallbackSink.Key}\") as Action<string, int, long>)?.Invoke(\"{tag}\", e.Id, System.Diagnostics.Stopwatch.GetTimestamp());";
}
