namespace ShotgunEvents.Emulator;

/// <summary>What a new emulated site holds when it starts without a snapshot.</summary>
public enum EmulatorSeed
{
    /// <summary>Nothing but the configured script users.</summary>
    Empty,

    /// <summary>A small demo studio: a project, sequences, shots, assets, steps, tasks, versions, notes, people and a script.</summary>
    Demo,
}
