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
}
