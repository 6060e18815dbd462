using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>A province's as-of figures; see <see cref="IStatisticsLevelGrain"/>.</summary>
[GrainType(StorageNames.StatisticsLevel)]
public sealed class StatisticsLevelGrain(
    [PersistentState(StorageNames.StatisticsLevel, StorageNames.Provider)]
    IPersistentState<StatisticsLevelState> state,
    IGrainFactory grains) : Grain, IStatisticsLevelGrain
{
    public async Task ApplyAsync(string recordKey, IReadOnlyList<StatisticsFact> changes)
    {
        var known = state.State.Records.GetValueOrDefault(recordKey);
        if (known is not null ? known.SequenceEqual(changes) : changes.Count == 0)
        {
            return;
        }

        if (state.State.Records.Count == 0)
        {
            await grains.Get<IStatisticsDirectoryGrain>(0).AddLevelAsync(this.GetPrimaryKeyString());
        }

        if (changes.Count == 0)
        {
            state.State.Records.Remove(recordKey);
        }
        else
        {
            state.State.Records[recordKey] = changes.ToList();
        }

        await state.WriteAuditedAsync("statistics-levels", recordKey);
    }

    public Task<OfficeFigures> LevelsAsync(DateOnly asOf)
    {
        var levels = new OfficeFigures();
        foreach (var change in state.State.Records.Values.SelectMany(changes => changes))
        {
            if (change.Date <= asOf)
            {
                levels.Add(change.Office, change.Figure, change.Count);
            }
        }

        return Task.FromResult(levels);
    }
}
