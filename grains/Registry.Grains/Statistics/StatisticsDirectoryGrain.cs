using Registry.Abstractions.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>The statistics grains that hold anything; see <see cref="IStatisticsDirectoryGrain"/>.</summary>
[GrainType(StorageNames.StatisticsDirectory)]
public sealed class StatisticsDirectoryGrain(
    [PersistentState(StorageNames.StatisticsDirectory, StorageNames.Provider)]
    IPersistentState<StatisticsDirectoryState> state) : Grain, IStatisticsDirectoryGrain
{
    public async Task AddRollupAsync(string rollupKey)
    {
        if (state.State.Rollups.Add(rollupKey))
        {
            await state.WriteOrReloadAsync();
        }
    }

    public async Task AddLevelAsync(string province)
    {
        if (state.State.LevelProvinces.Add(province))
        {
            await state.WriteOrReloadAsync();
        }
    }

    public Task<StatisticsDirectory> GetAsync() =>
        Task.FromResult(new StatisticsDirectory(state.State.Rollups.ToList(), state.State.LevelProvinces.ToList()));
}
