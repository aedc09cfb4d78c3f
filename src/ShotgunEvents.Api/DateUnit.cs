namespace ShotgunEvents.Api;

/// <summary>The unit of a relative-date filter such as <see cref="Filter.InLast"/>.</summary>
public enum DateUnit
{
    /// <summary>Hours (<c>HOUR</c> on the wire).</summary>
    Hour,

    /// <summary>Days (<c>DAY</c>).</summary>
    Day,

    /// <summary>Weeks (<c>WEEK</c>).</summary>
    Week,

    /// <summary>Months (<c>MONTH</c>).</summary>
    Month,

    /// <summary>Years (<c>YEAR</c>).</summary>
    Year,
}
