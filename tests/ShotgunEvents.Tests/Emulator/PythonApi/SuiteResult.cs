using System.Globalization;
using System.Text;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>The outcomes of one run of the Python API's live suite, with the figures the issue asks for.</summary>
internal sealed class SuiteResult(IReadOnlyList<SuiteOutcome> outcomes, TimeSpan duration)
{
    public IReadOnlyList<SuiteOutcome> Outcomes { get; } = outcomes;

    public TimeSpan Duration { get; } = duration;

    /// <summary>Classes whose set-up failed (their tests never ran).</summary>
    public IReadOnlyList<SuiteOutcome> SetUpFailures => [.. Outcomes.Where(o => o.IsSetUp && !o.Passed)];

    /// <summary>Tests that ran and were not skipped by the suite itself.</summary>
    public IReadOnlyList<SuiteOutcome> Run => [.. Outcomes.Where(o => !o.IsSetUp && !o.Skipped)];

    public int Passed => Run.Count(o => o.Passed);

    public IReadOnlyList<SuiteOutcome> Failures => [.. Run.Where(o => !o.Passed)];

    public double PassRate => Run.Count == 0 ? 0 : (double)Passed / Run.Count;

    /// <summary><c>passed/run</c> per class, the totals and every failure with its reason.</summary>
    public string Report(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {Passed}/{Run.Count} passed ({PassRate:P1}), {Outcomes.Count(o => o.Skipped)} skipped by the suite, in {Duration.TotalSeconds:F1} s");
        foreach (var group in Outcomes.GroupBy(o => o.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var run = group.Where(o => !o.IsSetUp && !o.Skipped).ToList();
            var skipped = group.Count(o => o.Skipped);
            var setUp = group.Any(o => o.IsSetUp && !o.Passed) ? ", SET-UP FAILED" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {group.Key,-40} {run.Count(o => o.Passed),3}/{run.Count,-3}{(skipped > 0 ? $" ({skipped} skipped)" : string.Empty)}{setUp}");
        }

        foreach (var failure in SetUpFailures.Concat(Failures))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {failure.Outcome.ToUpperInvariant()} {failure.Name}: {failure.Reason}");
        }

        return text.ToString();
    }
}
