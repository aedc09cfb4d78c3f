using System.Text.RegularExpressions;
using Xunit.Abstractions;
using CliSandbox = ShotgunEvents.Tests.Daemon.Cli.Support.CliSandbox;

namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// The official Python API's own live suite (<c>../shared/python-api/tests/test_api.py</c>) against the emulator, once
/// per schema: a real site's (the suite's mockgun pickle) and the shipped one. Prints <c>passed/run</c> per class; fails
/// when a class fails in its set-up, when fewer tests pass than the floor, or when a test fails that the README's
/// emulator section does not list with its reason. Skipped, naming what is missing, without python3 or the folder.
/// </summary>
public sealed partial class LiveSuiteTests(ITestOutputHelper output)
{
    // Where the suite stood when these tests were written. Raise a floor as more passes; never lower it.
    private const int SiteSchemaPassedFloor = 119;
    private const int ShippedSchemaPassedFloor = 119;

    // The issue's target: at least 90 % of the tests the suite runs (its own skips not counted).
    private const double TargetPassRate = 0.90;

    [PythonApiFact]
    public async Task RunSuite_AgainstARealSitesSchema_PassesTheFloorWithEveryFailureExplained()
    {
        var result = await LiveSuite.RunAsync(Path.Combine("mockgun", "schema.pickle"));

        AssertMeetsTheBar(result, "schema.pickle (a real site's schema)", SiteSchemaPassedFloor);
    }

    [PythonApiFact]
    public async Task RunSuite_AgainstTheShippedSchema_PassesTheFloorWithEveryFailureExplained()
    {
        var result = await LiveSuite.RunAsync(schemaFile: null);

        AssertMeetsTheBar(result, "the shipped default schema", ShippedSchemaPassedFloor);
    }

    private void AssertMeetsTheBar(SuiteResult result, string title, int floor)
    {
        output.WriteLine(result.Report(title));

        Assert.True(result.SetUpFailures.Count == 0,
            "classes failed in their set-up: " + string.Join("; ", result.SetUpFailures.Select(f => $"{f.Name}: {f.Reason}")));
        var unexplained = result.Failures.Select(f => f.Name).Except(ReadmeListedFailures()).ToList();
        Assert.True(unexplained.Count == 0,
            "failing tests the README's emulator section does not list: " + string.Join(", ", unexplained) + "\n" + result.Report(title));
        Assert.True(result.Passed >= floor, $"{result.Passed} tests passed, below the floor of {floor}.\n{result.Report(title)}");
        Assert.True(result.PassRate >= TargetPassRate, $"{result.PassRate:P1} passed, below {TargetPassRate:P0}.\n{result.Report(title)}");
    }

    private static List<string> ReadmeListedFailures()
    {
        var readme = File.ReadAllText(Path.Combine(CliSandbox.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("<!-- python-api-suite-failures -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /python-api-suite-failures -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the python-api-suite-failures list");
        return [.. ListItem().Matches(readme[start..end]).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^- `(Test[A-Za-z]+\.[a-z_0-9]+)`", RegexOptions.Multiline)]
    private static partial Regex ListItem();
}
