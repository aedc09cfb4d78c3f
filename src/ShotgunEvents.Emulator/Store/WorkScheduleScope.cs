namespace ShotgunEvents.Emulator.Store;

/// <summary>Whose calendar a work-day rule belongs to: the studio's, one project's or one user's.</summary>
internal enum WorkScheduleScope
{
    /// <summary>The whole studio (neither project nor user given).</summary>
    Studio,

    /// <summary>One Project.</summary>
    Project,

    /// <summary>One HumanUser.</summary>
    User,
}
