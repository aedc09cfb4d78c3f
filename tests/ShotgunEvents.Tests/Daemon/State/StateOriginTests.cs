using System.Reflection;
using System.Text.RegularExpressions;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed partial class StateOriginTests
{
    private static IReadOnlyList<StateOrigin> All =>
    [
        .. typeof(StateOrigin).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(StateOrigin))
            .Select(f => (StateOrigin)f.GetValue(null)!),
    ];

    [Fact]
    public void ToString_EveryOrigin_IsWordsAndNamesNoCodeIdentifier()
    {
        Assert.Equal(6, All.Count);
        foreach (var origin in All)
        {
            var text = origin.ToString();
            Assert.Equal(origin.Description, text);
            Assert.DoesNotContain(origin.Name, text, StringComparison.Ordinal);
            Assert.DoesNotMatch(CamelCaseWord(), text);
        }

        Assert.Equal(All.Count, All.Select(o => o.Description).Distinct().Count());
    }

    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z]\w*\b")]
    private static partial Regex CamelCaseWord();
}
