using Registry.Abstractions.Marriages;
using Registry.Grains.Publishing;

namespace Registry.Grains.Marriages;

/// <summary>One partition of an office's register for one day; see <see cref="IOfficeRegisterGrain"/>. Bounded: a
/// partition that fills splits into children and passes what it is sent on to them
/// (<see cref="SplittingPartition{TEntry}"/>): the day an office's archive is imported lists every record it enters
/// (10,000,000 archived marriages at 300 offices made each of today's partitions some 4,000 records and a megabyte,
/// each rewritten whole for every batch the outbox relay published; the relay fell 660,000 records behind and the
/// process reached 8 GB).</summary>
[GrainType(StorageNames.OfficeRegister)]
public sealed class OfficeRegisterGrain(
    [PersistentState(StorageNames.OfficeRegister, StorageNames.Provider)]
    IPersistentState<RecordEntriesState<OfficeDayEntry>> state) : Grain, IOfficeRegisterGrain
{
    private SplittingPartition<OfficeDayEntry> Partition => new(state, this.GetPrimaryKeyString(),
        (child, recordKey, entries) => Child(child).ApplyAsync(recordKey, entries),
        (child, byRecord) => Child(child).ApplyManyAsync(byRecord),
        (child, byRecord) => Child(child).SetFromSplitAsync(byRecord),
        child => Child(child).GetEntriesAsync());

    public Task ApplyAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries) =>
        Partition.ApplyAsync(recordKey, entries);

    /// <summary>
    /// A bulk publication (the archive import, each office's volumes in date order) fills an office's day in one or
    /// two batches and does not come back to it: the register goes once it has stored them, instead of staying for
    /// the collection age (330,000 day registers were resident at 3.4 million archived marriages).
    /// </summary>
    public async Task ApplyManyAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord)
    {
        await Partition.ApplyManyAsync(byRecord);
        DeactivateOnIdle();
    }

    public Task SetFromSplitAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord) =>
        Partition.SetAsync(byRecord);

    public Task<IReadOnlyList<OfficeDayEntry>> GetEntriesAsync() => Partition.GetEntriesAsync();

    private IOfficeRegisterGrain Child(string key) => GrainFactory.GetGrain<IOfficeRegisterGrain>(key);
}
