namespace ShotgunEvents.Emulator.Seeding;

/// <summary>What every row of one seeded write shares: who, which session, which project, when.</summary>
internal readonly record struct RowContext(int UserType, int UserId, int Session, int ProjectId, long CreatedAt);
