using Orleans.Concurrency;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>See <see cref="IAccessLogGrain"/>: the grain holds nothing; the silo's <see cref="IAccessLog"/> batches
/// and stores.</summary>
[StatelessWorker]
[GrainType(StorageNames.AccessLogGrainType)]
public sealed class AccessLogGrain(IAccessLog log) : Grain, IAccessLogGrain
{
    public Task AppendAsync(IReadOnlyList<AccessLogEntry> entries) => log.AppendAsync(entries);

    public Task<AccessLogPage> SearchAsync(AccessLogSearch search) => log.SearchAsync(search);
}
