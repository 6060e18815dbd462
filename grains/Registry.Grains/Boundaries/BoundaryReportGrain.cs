using Orleans.Concurrency;
using Registry.Abstractions.Boundaries;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>Reports over all boundary lines from committed storage; see <see cref="IBoundaryReportGrain"/>.</summary>
[StatelessWorker]
[GrainType(StorageNames.BoundaryReport)]
public sealed class BoundaryReportGrain(IStoredRecords records) : Grain, IBoundaryReportGrain
{
    public async Task<IReadOnlyList<OverdueLine>> ListOverdueInspectionsAsync(DateOnly today, int years,
        bool includeNeverInspected)
    {
        var overdue = new List<OverdueLine>();
        await foreach (var line in records.ReadAllAsync<BoundaryLineState>(StorageNames.BoundaryLine))
        {
            if (line.Number.Length == 0)
            {
                continue;
            }

            var last = line.Inspections
                .Where(i => i.CompletedOn is not null)
                .MaxBy(i => i.CompletedOn);
            if (last is null ? includeNeverInspected : last.CompletedOn!.Value.AddYears(years) < today)
            {
                overdue.Add(new OverdueLine(line.Number, line.DivisionA, line.DivisionB, last?.CompletedOn, last?.Id));
            }
        }

        return overdue.OrderBy(o => o.Number, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<OpenRepair>> ListOpenRepairsAsync()
    {
        var open = new List<OpenRepair>();
        await foreach (var inspection in records.ReadAllAsync<JointInspectionState>(StorageNames.JointInspection))
        {
            if (inspection.CompletedOn is not { } since)
            {
                continue;
            }

            open.AddRange(inspection.Repairs.Where(r => r.Status == RepairStatus.Open)
                .Select(r => new OpenRepair(inspection.Id, inspection.LineNumber, r.MarkerNumber, r.Finding, since)));
        }

        return open.OrderBy(r => r.Since).ThenBy(r => r.MarkerNumber, StringComparer.Ordinal).ToList();
    }
}
