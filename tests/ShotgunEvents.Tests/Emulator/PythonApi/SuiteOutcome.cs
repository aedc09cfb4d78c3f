namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// One entry of a unittest run as <c>scripts/run_suite.py</c> records it: a test (<c>tests.test_api.TestFind.test_find</c>)
/// or a class set-up that failed (<c>setUpClass (tests.test_api.TestFind)</c>).
/// </summary>
internal sealed record SuiteOutcome(string Id, string Outcome, string Detail)
{
    public bool IsSetUp => Id.StartsWith("setUp", StringComparison.Ordinal) || Id.StartsWith("tearDown", StringComparison.Ordinal);

    /// <summary>The test class: <c>TestFind</c>.</summary>
    public string Class => IsSetUp
        ? Id[(Id.LastIndexOf('.') + 1)..].TrimEnd(')')
        : Id.Split('.')[^2];

    /// <summary><c>TestFind.test_find</c>, or <c>TestFind.setUpClass</c> for a failed set-up.</summary>
    public string Name => IsSetUp ? $"{Class}.{Id.Split(' ')[0]}" : string.Join('.', Id.Split('.')[^2..]);

    public bool Passed => Outcome == "passed";

    public bool Skipped => Outcome == "skipped";

    /// <summary>The last line of the failure's traceback: the exception and its message.</summary>
    public string Reason => Detail.TrimEnd().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;
}
