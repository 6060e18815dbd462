using System.Collections.Concurrent;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// The search-index partitions active in this silo, readable without a grain call. A search asks every partition;
/// as 32 grain calls the messages, not the posting lists, were most of a fragment search's CPU (a partition answers
/// in microseconds, a local call costs tens of them). <see cref="OrganizationSearchGrain"/> therefore reads the
/// partitions activated in its own silo directly and calls only the others.
/// <para>
/// A partition grain registers a <see cref="Reader"/> once its entries are loaded and removes it on deactivation; the
/// reader takes the partition's read lock and the grain takes the write lock around every change to its memory (each
/// change is made after the write to storage, as before), so a direct read sees a partition as a grain call would:
/// between two changes, never halfway through one. Thread-safe. One instance per silo.
/// </para>
/// </summary>
public sealed class LocalOrganizationPartitions
{
    private readonly ConcurrentDictionary<int, Reader> readers = new();

    /// <summary>Reads one partition's page for a query: what <see cref="IOrganizationIndexGrain.SearchAsync"/>
    /// answers.</summary>
    public delegate OrganizationPage Reader(OrganizationQuery query);

    /// <summary>Makes <paramref name="partition"/> readable here through <paramref name="reader"/>.</summary>
    public void Register(int partition, Reader reader) => readers[partition] = reader;

    /// <summary>Removes <paramref name="reader"/>, unless another activation of the partition registered since.</summary>
    public void Unregister(int partition, Reader reader) =>
        readers.TryRemove(KeyValuePair.Create(partition, reader));

    /// <summary>The reader of <paramref name="partition"/> when it is active in this silo.</summary>
    public bool TryGet(int partition, out Reader reader) => readers.TryGetValue(partition, out reader!);
}
