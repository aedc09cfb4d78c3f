namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>A compiled plugin, ready to load: the assembly and its PDB, and how to start it.</summary>
/// <param name="Assembly">The emitted assembly.</param>
/// <param name="Pdb">The portable PDB, so stack traces name the .csx file and line.</param>
/// <param name="TypeName">The script class (<c>Plugin_&lt;name&gt;</c>).</param>
/// <param name="FactoryName">The static submission factory Roslyn synthesizes (<c>&lt;Factory&gt;</c>).</param>
/// <param name="PrivateReferences">The DLLs the plugin <c>#r</c>'s by path, loaded into its own context.</param>
internal sealed record CompiledScript(byte[] Assembly, byte[] Pdb, string TypeName, string FactoryName, IReadOnlyList<string> PrivateReferences);
