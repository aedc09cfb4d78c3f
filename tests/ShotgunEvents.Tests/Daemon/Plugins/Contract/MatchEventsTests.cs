using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Daemon.Plugins.Contract;

public sealed class MatchEventsTests
{
    [Fact]
    public void Matches_EmptyFilter_MatchesEveryEvent()
    {
        var match = new MatchEvents();

        Assert.True(match.Matches("Shotgun_Shot_Change", "code"));
        Assert.True(match.Matches("Shotgun_User_Login", null));
    }

    [Fact]
    public void Matches_EventTypeNotListed_DoesNotMatch()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code"] };

        Assert.False(match.Matches("Shotgun_Asset_Change", "code"));
    }

    [Fact]
    public void Matches_AttributeList_MatchesListedAttributesOnly()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code", "description"] };

        Assert.True(match.Matches("Shotgun_Shot_Change", "code"));
        Assert.True(match.Matches("Shotgun_Shot_Change", "description"));
        Assert.False(match.Matches("Shotgun_Shot_Change", "sg_status_list"));
        Assert.False(match.Matches("Shotgun_Shot_Change", "cod"));
    }

    [Fact]
    public void Matches_NullAttributeEntry_MatchesEveryAttributeIncludingNone()
    {
        var match = new MatchEvents { ["Shotgun_Shot_New"] = null };

        Assert.True(match.Matches("Shotgun_Shot_New", null));
        Assert.True(match.Matches("Shotgun_Shot_New", "anything"));
    }

    [Fact]
    public void Matches_StarInAttributeList_MatchesEveryAttributeIncludingNone()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Retirement"] = ["code", "*"] };

        Assert.True(match.Matches("Shotgun_Shot_Retirement", null));
        Assert.True(match.Matches("Shotgun_Shot_Retirement", "whatever"));
    }

    [Fact]
    public void Matches_NullAttributeOnEvent_DoesNotMatchAList()
    {
        // _New and _Retirement events have no attribute: only null or "*" entries take them.
        var match = new MatchEvents { ["Shotgun_Shot_New"] = ["code"] };

        Assert.False(match.Matches("Shotgun_Shot_New", null));
        Assert.False(match.Matches("Shotgun_Shot_New", string.Empty));
    }

    [Fact]
    public void Matches_StarKey_OnlyThatEntryCountsForEveryType()
    {
        var match = new MatchEvents { ["*"] = ["code"], ["Shotgun_Shot_New"] = null };

        Assert.True(match.Matches("Shotgun_Asset_Change", "code"));
        Assert.False(match.Matches("Shotgun_Asset_Change", "description"));
        // The Shotgun_Shot_New entry is ignored because a "*" key exists (upstream rule 2).
        Assert.False(match.Matches("Shotgun_Shot_New", null));
    }

    [Fact]
    public void Matches_StarKeyWithNull_MatchesEverything()
    {
        var match = new MatchEvents { ["*"] = null };

        Assert.True(match.Matches("Toolkit_App_Startup", null));
    }

    [Fact]
    public void Matches_EmptyList_MatchesNothing()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = [] };

        Assert.False(match.Matches("Shotgun_Shot_Change", "code"));
    }

    [Fact]
    public void Matches_StringValue_IsExactNotSubstring()
    {
        var match = new MatchEvents { ["Shotgun_Task_Change"] = "sg_status_list" };

        Assert.True(match["Shotgun_Task_Change"]!.FromString);
        Assert.True(match.Matches("Shotgun_Task_Change", "sg_status_list"));
        // Upstream tested `attribute in "sg_status_list"`, so "status" matched; here it does not.
        Assert.False(match.Matches("Shotgun_Task_Change", "status"));
        Assert.False(match.Matches("Shotgun_Task_Change", "list"));
    }

    [Fact]
    public void Matches_StarString_IsTheWildcard()
    {
        var match = new MatchEvents { ["Shotgun_Task_Change"] = "*" };

        Assert.True(match.Matches("Shotgun_Task_Change", "anything"));
    }

    [Fact]
    public void Matches_EventTypeIsCaseSensitive()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = null };

        Assert.False(match.Matches("shotgun_shot_change", "code"));
    }

    [Fact]
    public void Matches_ShotgunEvent_UsesTypeAndAttribute()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code"] };

        Assert.True(match.Matches(TestEvents.Make(1, "Shotgun_Shot_Change", "code")));
        Assert.False(match.Matches(TestEvents.Make(2, "Shotgun_Shot_Change", "description")));
    }

    [Fact]
    public void Clone_LaterChangesToOriginal_DoNotAffectCopy()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code"] };
        var copy = match.Clone();

        match["Shotgun_Asset_Change"] = null;

        Assert.Equal(1, copy.Count);
        Assert.False(copy.Matches("Shotgun_Asset_Change", "code"));
    }

    [Fact]
    public void AttributeMatch_NullInList_IsRejectedWithClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new AttributeMatch(new string[] { "code", null! }));

        Assert.Contains("cannot contain null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_MissingEventType_ThrowsNamingIt()
    {
        var match = new MatchEvents();

        var error = Assert.Throws<KeyNotFoundException>(() => match["Shotgun_Shot_New"]);
        Assert.Contains("Shotgun_Shot_New", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ShowsEntriesAsPythonWouldWriteThem()
    {
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code"], ["Shotgun_Task_Change"] = "sg_status_list", ["Shotgun_Shot_New"] = null };

        Assert.Equal("{\"Shotgun_Shot_Change\": [\"code\"], \"Shotgun_Task_Change\": \"sg_status_list\", \"Shotgun_Shot_New\": null}", match.ToString());
    }
}
