namespace ShotgunEvents.Emulator.Store;

/// <summary>The identity of one entity: its type and id.</summary>
internal readonly record struct EntityKey(string Type, int Id)
{
    public override string ToString() => $"{Type} #{Id}";
}
