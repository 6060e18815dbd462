using Registry.Abstractions.Persons;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>
/// One partition (day, subject shard) of the access log; see <see cref="IAccessLogGrain"/>. Each append is one
/// stored write, so reads of different people on the same day spread over <see cref="AccessLogPartition.Shards"/>
/// grains. A partition holds one day of one shard, which bounds its size.
/// </summary>
[GrainType(StorageNames.AccessLogGrainType)]
public sealed class AccessLogGrain(
    [PersistentState(StorageNames.AccessLog, StorageNames.Provider)] IPersistentState<AccessLogState> state)
    : Grain, IAccessLogGrain
{
    public async Task AppendAsync(IReadOnlyList<AccessLogEntry> entries)
    {
        state.State.Entries.AddRange(entries);
        await state.WriteAuditedAsync("log-access", null);
    }

    public Task<IReadOnlyList<AccessLogEntry>> GetEntriesAsync() =>
        Task.FromResult<IReadOnlyList<AccessLogEntry>>(state.State.Entries.ToList());
}
