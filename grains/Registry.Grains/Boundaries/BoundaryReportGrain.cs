using Orleans.Concurrency;
using Registry.Abstractions.Boundaries;

namespace Registry.Grains.Boundaries;

/// <summary>
/// Reports over all boundary lines, answered from the persisted read model
/// (<see cref="IBoundaryReportModelGrain"/>) rather than a scan of stored records; see
/// <see cref="IBoundaryReportGrain"/>.
/// </summary>
[StatelessWorker]
[GrainType(StorageNames.BoundaryReport)]
public sealed class BoundaryReportGrain : Grain, IBoundaryReportGrain
{
    private IBoundaryReportModelGrain Model => GrainFactory.GetGrain<IBoundaryReportModelGrain>(0);

    public Task<IReadOnlyList<OverdueLine>> ListOverdueInspectionsAsync(DateOnly today, int years,
        bool includeNeverInspected) =>
        Model.ListOverdueInspectionsAsync(today, years, includeNeverInspected);

    public Task<OverduePage> PageOverdueInspectionsAsync(DateOnly today, int years, bool includeNeverInspected,
        string? division, int offset, int limit) =>
        Model.PageOverdueInspectionsAsync(today, years, includeNeverInspected, division, offset, limit);

    public Task<IReadOnlyList<OpenRepair>> ListOpenRepairsAsync() => Model.ListOpenRepairsAsync();
}
