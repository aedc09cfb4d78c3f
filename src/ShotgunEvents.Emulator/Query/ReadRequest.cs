using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query;

/// <summary>A parsed, checked read: what to match, in which order, which page.</summary>
internal sealed class ReadRequest
{
    public required EntitySchema Entity { get; init; }

    public required FilterNode Filter { get; init; }

    public IReadOnlyList<FieldPath> ReturnFields { get; init; } = [];

    public IReadOnlyList<SortKey> Sorts { get; init; } = [];

    /// <summary>Rows per page (1..500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    public ReturnOnly ReturnOnly { get; init; }

    public bool IncludeArchivedProjects { get; init; } = true;

    /// <summary><c>additional_filter_presets</c>, applied after the filters.</summary>
    public IReadOnlyList<FilterPreset> Presets { get; init; } = [];

    /// <summary>True to count every match (<c>return_paging_info</c>), which costs a full scan.</summary>
    public bool CountAll { get; init; }
}
