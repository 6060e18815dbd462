using System.Collections.Concurrent;
using Registry.Grains.Storage;
using Registry.Hosting;
using Registry.Storage;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// The silo's real <see cref="StoredRecords"/> over its real store, counting the scans asked of it per state name,
/// so a test can prove a read model started without reading every record, and the range reads of stored states (a
/// partition reading all its pieces at once). Thread-safe.
/// </summary>
public sealed class CountingStoredRecords(IGrainStateStore store) : IStoredRecords
{
    private readonly StoredRecords inner = new(store);
    private readonly ConcurrentDictionary<string, int> scans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> prefixReads = new(StringComparer.Ordinal);

    /// <summary>How many range reads of <paramref name="stateName"/> were asked on this silo.</summary>
    public int PrefixReadsOf(string stateName) => prefixReads.GetValueOrDefault(stateName);

    /// <summary>How many scans of <paramref name="stateName"/> were started on this silo.</summary>
    public int ScansOf(string stateName) => scans.GetValueOrDefault(stateName);

    public IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        CancellationToken cancellationToken = default)
    {
        scans.AddOrUpdate(stateName, 1, (_, count) => count + 1);
        return inner.ReadAllAsync<T>(stateName, keyFilter, cancellationToken);
    }

    public Task<IReadOnlyList<StoredGrainState<T>>?> ReadPrefixAsync<T>(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        prefixReads.AddOrUpdate(stateName, 1, (_, count) => count + 1);
        return inner.ReadPrefixAsync<T>(stateName, grainIdPrefix, cancellationToken);
    }
}
