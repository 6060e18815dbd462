using Orleans.Concurrency;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>See <see cref="IAccessLogGrain"/>: the grain holds nothing; the silo's <see cref="IAccessLog"/> batches
/// and stores. Reentrant: a stateless worker has at most as many activations as the silo has cores, and a
/// non-reentrant one takes one call at a time, so only that many reads' entries could wait for a commit together; the
/// log behind it is thread-safe and groups what all of them hand over.</summary>
[StatelessWorker]
[Reentrant]
[GrainType(StorageNames.AccessLogGrainType)]
public sealed class AccessLogGrain(IAccessLog log) : Grain, IAccessLogGrain
{
    public Task AppendAsync(IReadOnlyList<AccessLogEntry> entries) => log.AppendAsync(entries);

    public Task<AccessLogPage> SearchAsync(AccessLogSearch search) => log.SearchAsync(search);
}
