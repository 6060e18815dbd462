using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Abstractions.Text;
using Registry.Grains.Indexing;
using Registry.Grains.Storage;

namespace Registry.Grains.Statistics;

/// <summary>
/// A province's as-of figures; see <see cref="IStatisticsLevelGrain"/>. Each record's changes are stored in one of
/// <see cref="PieceCount"/> pieces by a hash of the record key (<see cref="StoredIndexPieces{TDoc}"/>), so a record's
/// call rewrites about 1/<see cref="PieceCount"/> of the province rather than all of it (a province holds one entry
/// per graded organization, boundary line and marker: thousands at national scale). A record whose changes became
/// empty is stored as an empty list and not counted. A state written before the pieces (every record in the grain's
/// own state) is moved into the pieces at activation, then emptied.
/// </summary>
[GrainType(StorageNames.StatisticsLevel)]
public sealed class StatisticsLevelGrain(
    [PersistentState(StorageNames.StatisticsLevel, StorageNames.Provider)]
    IPersistentState<StatisticsLevelState> state,
    IServiceProvider services,
    IGrainFactory grains) : Grain, IStatisticsLevelGrain
{
    /// <summary>Stored pieces per province.</summary>
    public const int PieceCount = 64;

    private readonly Dictionary<string, List<StatisticsFact>> records = new(StringComparer.Ordinal);
    private StoredIndexPieces<List<StatisticsFact>> pieces = null!;

    // The version: this activation's name and how many calls changed the records held (see VersionAsync).
    private readonly Guid epoch = Guid.NewGuid();
    private long changeCount;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        pieces = new StoredIndexPieces<List<StatisticsFact>>(
            services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), StorageNames.StatisticsLevelPiece,
            StorageNames.StatisticsLevelPiece, this.GetPrimaryKeyString(), PieceCount,
            key => PartitionHash.Partition(key, PieceCount), services.GetRequiredService<IStoredRecords>());
        foreach (var (key, changes) in await pieces.LoadAsync())
        {
            if (changes.Count > 0)
            {
                records[key] = changes;
            }
        }

        if (state.State.Records.Count > 0)
        {
            // Pieces first, then the emptied state: interrupted, the next activation moves the rest again.
            foreach (var (key, changes) in state.State.Records.Where(pair => !records.ContainsKey(pair.Key)).ToList())
            {
                await pieces.PutAsync(key, changes);
                records[key] = changes;
            }

            state.State.Records.Clear();
            await state.WriteOrReloadAsync();
        }
    }

    public async Task ApplyAsync(string recordKey, IReadOnlyList<StatisticsFact> changes)
    {
        var known = records.GetValueOrDefault(recordKey);
        if (known is not null ? known.SequenceEqual(changes) : changes.Count == 0)
        {
            return;
        }

        if (records.Count == 0)
        {
            await grains.Get<IStatisticsDirectoryGrain>(0).AddLevelAsync(this.GetPrimaryKeyString());
        }

        var stored = changes.ToList();
        await pieces.PutAsync(recordKey, stored);
        if (stored.Count == 0)
        {
            records.Remove(recordKey);
        }
        else
        {
            records[recordKey] = stored;
        }

        changeCount++;
    }

    public Task<OfficeFigures> LevelsAsync(DateOnly asOf)
    {
        var levels = new OfficeFigures();
        foreach (var change in records.Values.SelectMany(changes => changes))
        {
            if (change.Date <= asOf)
            {
                levels.Add(change.Office, change.Figure, change.Count);
            }
        }

        return Task.FromResult(levels);
    }

    public Task<StatisticsVersion> VersionAsync() => Task.FromResult(new StatisticsVersion(epoch, changeCount));
}
