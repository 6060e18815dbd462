using Registry.Abstractions.Boundaries;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>The boundary reports' persisted read model; see <see cref="IBoundaryReportModelGrain"/>.</summary>
[GrainType(StorageNames.BoundaryReportModel)]
public sealed class BoundaryReportModelGrain(
    [PersistentState(StorageNames.BoundaryReportModel, StorageNames.Provider)]
    IPersistentState<BoundaryReportModelState> state) : Grain, IBoundaryReportModelGrain
{
    private BoundaryReportModelState State => state.State;

    public async Task ApplyLineAsync(OverdueLine line)
    {
        if (State.Lines.TryGetValue(line.Number, out var known) && known == line)
        {
            return;
        }

        State.Lines[line.Number] = line;
        await state.WriteOrReloadAsync();
    }

    public async Task ApplyOpenRepairsAsync(string inspectionId, IReadOnlyList<OpenRepair> openRepairs)
    {
        var known = State.OpenRepairs.GetValueOrDefault(inspectionId) ?? [];
        if (known.SequenceEqual(openRepairs))
        {
            return;
        }

        if (openRepairs.Count == 0)
        {
            State.OpenRepairs.Remove(inspectionId);
        }
        else
        {
            State.OpenRepairs[inspectionId] = openRepairs.ToList();
        }

        await state.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<OverdueLine>> ListOverdueInspectionsAsync(DateOnly today, int years,
        bool includeNeverInspected) =>
        Task.FromResult<IReadOnlyList<OverdueLine>>(
            OverdueReport.Select(State.Lines.Values, today, years, includeNeverInspected).ToList());

    public Task<OverduePage> PageOverdueInspectionsAsync(DateOnly today, int years, bool includeNeverInspected,
        string? division, int offset, int limit)
    {
        var overdue = OverdueReport.Select(State.Lines.Values, today, years, includeNeverInspected, division).ToList();
        return Task.FromResult(new OverduePage(overdue.Count, overdue.Skip(offset).Take(limit).ToList()));
    }

    public Task<IReadOnlyList<OpenRepair>> ListOpenRepairsAsync() =>
        Task.FromResult<IReadOnlyList<OpenRepair>>(State.OpenRepairs.Values.SelectMany(r => r)
            .OrderBy(r => r.Since).ThenBy(r => r.MarkerNumber, StringComparer.Ordinal)
            .ToList());
}
