using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>One page of a read.</summary>
internal sealed record ReadResult(IReadOnlyList<IRow> Rows, bool HasNextPage, int? TotalCount);
