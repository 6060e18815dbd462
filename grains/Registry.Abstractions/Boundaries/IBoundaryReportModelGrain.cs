using Orleans.Concurrency;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// The persisted read model behind <see cref="IBoundaryReportGrain"/>: per boundary line its last completed
/// inspection, per completed inspection its open repairs, kept up to date by the line and inspection grains after
/// each committed change, so a report never scans stored records (which the official Azure Table provider cannot).
/// Key: 0. Each apply call carries the record's whole current view and replaces the previous one, so repeating a call
/// changes nothing (idempotent); a record's calls come from its own non-reentrant grain one after the other, in order.
/// </summary>
[Alias("Registry.Boundaries.IBoundaryReportModelGrain")]
public interface IBoundaryReportModelGrain : IGrainWithIntegerKey
{
    /// <summary>The line's current entry: its divisions and last completed inspection (null: never inspected).</summary>
    Task ApplyLineAsync(OverdueLine line);

    /// <summary>The open repairs of one completed inspection (empty when all are done).</summary>
    Task ApplyOpenRepairsAsync(string inspectionId, IReadOnlyList<OpenRepair> openRepairs);

    /// <summary>See <see cref="IBoundaryReportGrain.ListOverdueInspectionsAsync"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<OverdueLine>> ListOverdueInspectionsAsync(DateOnly today, int years, bool includeNeverInspected);

    /// <summary>See <see cref="IBoundaryReportGrain.PageOverdueInspectionsAsync"/>.</summary>
    [ReadOnly]
    Task<OverduePage> PageOverdueInspectionsAsync(DateOnly today, int years, bool includeNeverInspected,
        string? division, int offset, int limit);

    /// <summary>See <see cref="IBoundaryReportGrain.ListOpenRepairsAsync"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<OpenRepair>> ListOpenRepairsAsync();
}
