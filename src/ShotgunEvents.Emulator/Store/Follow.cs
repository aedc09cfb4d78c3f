namespace ShotgunEvents.Emulator.Store;

/// <summary>One user following one entity (api3 <c>follow</c>).</summary>
internal readonly record struct Follow(EntityKey User, EntityKey Entity);
