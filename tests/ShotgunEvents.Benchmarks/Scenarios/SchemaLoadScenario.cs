using System.Collections;
using System.Diagnostics;
using Newtonsoft.Json.Linq;
using Razorvine.Pickle;
using ShotgunEvents.Benchmarks.Harness;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>schema_load</c>: loading a large site schema, as mockgun pickles it: the default schema's 77 standard types
/// (a real site's count), each padded with custom fields until the pickle is about 900 KB. Target: under 1 s, cold
/// (the first load in the process, JIT included) and warm (median of the rest).
/// </summary>
internal static class SchemaLoadScenario
{
    private const double TargetMs = 1000;
    private const int TargetBytes = 900 * 1024;

    public static Task<ScenarioReport> RunAsync(bool quick)
    {
        var dir = Directory.CreateTempSubdirectory("sge-bench-schema-").FullName;
        try
        {
            var (path, bytes, types, fields) = WriteLargePickle(dir);
            var times = new List<double>();
            for (var run = 0; run < (quick ? 5 : 15); run++)
            {
                var clock = Stopwatch.StartNew();
                var schema = SchemaLoader.LoadFile(path);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (schema.EntityTypeNames.Count != types)
                {
                    throw new InvalidOperationException($"The loaded schema has {schema.EntityTypeNames.Count} types, not {types}.");
                }
            }

            var cold = times[0];
            var warm = Percentiles.Median(times.Skip(1));
            Progress.Info($"schema_load: {bytes / 1024} KB pickle, cold {cold:0} ms, warm {warm:0} ms");
            var report = new ScenarioReport("schema_load", quick)
                .Add("pickle_bytes", bytes)
                .Add("entity_types", types)
                .Add("fields", fields)
                .Add("cold_ms", cold)
                .Add("warm_median_ms", warm)
                .Target(cold / TargetMs, $"cold_ms < {TargetMs}", cold < TargetMs)
                .Check("warm_median_ms", warm, $"< {TargetMs}", warm < TargetMs);
            return Task.FromResult(report);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (string Path, long Bytes, int Types, int Fields) WriteLargePickle(string dir)
    {
        var standard = SchemaLoader.LoadDefault();
        var read = standard.ToSchemaReadJson();
        var entities = standard.ToSchemaEntityReadJson();
        var keep = read.Properties().Take(77).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in read.Properties().Select(p => p.Name).Where(n => !keep.Contains(n)).ToList())
        {
            read.Remove(name);
            entities.Remove(name);
        }

        // Pad every type evenly with copies of its own fields as custom ones until the pickle reaches the size.
        var path = Path.Combine(dir, "schema.pickle");
        for (var round = 0; ; round++)
        {
            var bytes = Pickle(read);
            if (bytes.Length >= TargetBytes || round > 50)
            {
                File.WriteAllBytes(path, bytes);
                File.WriteAllBytes(Path.Combine(dir, "schema_entity.pickle"), Pickle(entities));
                return (path, bytes.Length, read.Count, read.Properties().Sum(p => ((JObject)p.Value).Count));
            }

            foreach (var (_, token) in read)
            {
                var fields = (JObject)token!;
                foreach (var field in fields.Properties().Where(p => !p.Name.StartsWith("sg_custom_", StringComparison.Ordinal)).Take(3).ToList())
                {
                    fields[$"sg_custom_{round}_{field.Name}"] = field.Value.DeepClone();
                }
            }
        }
    }

    private static byte[] Pickle(JObject root)
    {
        using var pickler = new Pickler();
        return pickler.dumps(Plain(root));
    }

    private static object? Plain(JToken token) => token switch
    {
        JObject obj => obj.Properties().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JArray array => new ArrayList(array.Select(Plain).ToList()),
        JValue { Type: JTokenType.Null } => null,
        JValue value => value.Value,
        _ => token.ToString(),
    };
}
