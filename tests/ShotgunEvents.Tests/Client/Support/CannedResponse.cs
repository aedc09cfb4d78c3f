namespace ShotgunEvents.Tests.Client.Support;

/// <summary>What <see cref="RecordingSite"/> answers.</summary>
internal sealed record CannedResponse(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static CannedResponse Json(string body) => new(200, body);

    public static CannedResponse Results(string resultsJson) => new(200, $$"""{"results":{{resultsJson}}}""");
}
