namespace ShotgunEvents.Api;

/// <summary>How an update treats a multi-entity field.</summary>
public enum MultiEntityUpdateMode
{
    /// <summary>Replace the whole list (the default).</summary>
    Set,

    /// <summary>Add the given entities to the list.</summary>
    Add,

    /// <summary>Remove the given entities from the list.</summary>
    Remove,
}
