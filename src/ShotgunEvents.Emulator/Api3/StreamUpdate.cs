namespace ShotgunEvents.Emulator.Api3;

/// <summary>How one event shows in an activity stream: its <c>update_type</c> and the entity the update is about.</summary>
internal sealed record StreamUpdate(string UpdateType, string PrimaryType, int PrimaryId);
