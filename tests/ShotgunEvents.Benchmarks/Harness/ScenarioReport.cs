using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>
/// One scenario's JSON line: the raw numbers, then <c>ratio</c> (the quantity the main target is stated in),
/// <c>target</c>, <c>met</c>, and for scenarios with several targets a <c>checks</c> list (<c>met</c> is then true
/// only when every check is met).
/// </summary>
internal sealed class ScenarioReport
{
    private readonly JObject _raw = [];
    private readonly JArray _checks = [];
    private double _ratio = double.NaN;
    private string _target = "";
    private bool _met;

    public ScenarioReport(string scenario, bool quick)
    {
        Scenario = scenario;
        Quick = quick;
    }

    public string Scenario { get; }

    public bool Quick { get; }

    public ScenarioReport Add(string key, double value)
    {
        _raw[key] = ResultWriter.Round(value);
        return this;
    }

    public ScenarioReport Add(string key, long value)
    {
        _raw[key] = value;
        return this;
    }

    public ScenarioReport Add(string key, JToken value)
    {
        _raw[key] = value;
        return this;
    }

    /// <summary>The main target.</summary>
    public ScenarioReport Target(double ratio, string target, bool met)
    {
        _ratio = ratio;
        _target = target;
        _met = met;
        return this;
    }

    /// <summary>A further target of the same scenario.</summary>
    public ScenarioReport Check(string name, double measured, string target, bool met)
    {
        _checks.Add(new JObject
        {
            ["name"] = name,
            ["measured"] = ResultWriter.Round(measured),
            ["target"] = target,
            ["met"] = met,
        });
        return this;
    }

    public bool Met => _met && _checks.All(c => (bool)c["met"]!);

    public JObject ToJson()
    {
        var json = new JObject { ["scenario"] = Scenario, ["quick"] = Quick };
        json.Merge(_raw);
        json["ratio"] = ResultWriter.Round(_ratio);
        json["target"] = _target;
        json["met"] = Met;
        if (_checks.Count > 0)
        {
            json["checks"] = _checks;
        }

        return json;
    }

    /// <summary>A scenario that could not run: still one line, with the reason, never met.</summary>
    public static JObject Failed(string scenario, bool quick, Exception error) => new()
    {
        ["scenario"] = scenario,
        ["quick"] = quick,
        ["error"] = $"{error.GetType().Name}: {error.Message}",
        ["ratio"] = -1,
        ["target"] = "",
        ["met"] = false,
    };
}
