using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class PreferencesMethodTests
{
    [Fact]
    public async Task PreferencesRead_NoNames_AnswersEveryPreferenceOfADefaultSite()
    {
        await using var site = await ClientSite.StartAsync();

        var prefs = (JObject)await site.CallAsync("preferences_read", new JObject { ["prefs"] = new JArray() });

        // The values a live site answered in the Python API's own test_preferences_read.
        Assert.Equal("month_day", (string?)prefs["date_component_order"]);
        Assert.Equal("days", (string?)prefs["duration_units"]);
        Assert.Equal(JTokenType.Float, prefs["hours_per_day"]!.Type);
        Assert.Equal(8.0, (double)prefs["hours_per_day"]!);
        Assert.True((bool)prefs["enable_rv_integration"]!);
        Assert.False((bool)prefs["enable_shotgun_review_for_rv"]!);
        Assert.True((bool)prefs["support_local_storage"]!);
        Assert.False((bool)prefs["format_currency_fields_display_dollar_sign"]!);
        Assert.True(prefs.ContainsKey("view_master_settings"));
        Assert.True(prefs.ContainsKey("creative_review_settings"));
        Assert.Equal(17, prefs.Count);
    }

    [Fact]
    public async Task PreferencesRead_Names_AnswersOnlyThoseTheSiteHas()
    {
        await using var site = await ClientSite.StartAsync();

        var prefs = (JObject)await site.CallAsync("preferences_read",
            new JObject { ["prefs"] = new JArray("date_component_order", "support_local_storage", "email_notifications") });

        Assert.Equal(new JObject { ["date_component_order"] = "month_day", ["support_local_storage"] = true }, prefs, JToken.EqualityComparer);
    }

    [Fact]
    public async Task PreferencesRead_PrefsNotAList_Answers103()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("preferences_read", new JObject { ["prefs"] = "hours_per_day" });

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains("prefs must be a list", fault.Message, StringComparison.Ordinal);
    }
}
