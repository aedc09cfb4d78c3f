using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// The site preferences <c>preferences_read</c> answers. The names and values are those a live test site returned in
/// the Python API's own test (<c>tests/test_api.py</c>, <c>test_preferences_read</c>, version 3.10): the formats of a
/// site left at its defaults. <c>view_master_settings</c> and <c>creative_review_settings</c> are there too, but that
/// test only checks they exist (their content "changes frequently"); their values here are guesses, JSON texts with
/// no settings in them.
/// </summary>
internal static class SitePreferences
{
    public static JObject All() => new()
    {
        ["date_component_order"] = "month_day",
        ["duration_units"] = "days",
        ["format_currency_fields_decimal_options"] = "$1,000.99",
        ["format_currency_fields_display_dollar_sign"] = false,
        ["format_currency_fields_negative_options"] = "- $1,000",
        ["format_date_fields"] = "08/04/22 OR 04/08/22 (depending on the Month order preference)",
        ["format_float_fields"] = "9,999.99",
        ["format_float_fields_rounding"] = "9.999999",
        ["format_footage_fields"] = "10-05",
        ["format_number_fields"] = "1,000",
        ["format_time_hour_fields"] = "12 hour",
        ["hours_per_day"] = 8.0,
        ["support_local_storage"] = true,
        ["enable_rv_integration"] = true,
        ["enable_shotgun_review_for_rv"] = false,
        ["view_master_settings"] = "{\"status_groups\":[]}",
        ["creative_review_settings"] = "{}",
    };
}
