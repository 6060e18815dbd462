using Orleans.Runtime;
using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>
/// What one search has read of a name's index: the partitions it asked for (each a sixteenth of the page keys, see
/// <see cref="PersonNameEntry.ShareOf"/>), their entries' names and documents, and the documents in page-key order.
/// A page of a common name is found in its first partitions, so a search reads on only as far as its page reaches
/// (a first page of a name borne by two thousand reads some 125 entries, not all two thousand). Partitions of the
/// earlier layout (<see cref="PersonNameEntry.EarlierPartitionKeysOf"/>), left where <c>migrate-storage</c> has not
/// run, are read whole: their documents come in page order only once the search has read as far. One per search.
/// </summary>
internal sealed class PersonNameIndexView(string nameKey, IStoredRecords records, IGrainFactory grains)
{
    // Page keys' numbers, then documents (a tie of two documents' keys has a chance of about 2^-128).
    private static readonly IComparer<(UInt128 Order, string Document)> PageKeyOrder =
        Comparer<(UInt128 Order, string Document)>.Create(ByPageKey);

    private readonly List<(string Name, string DocumentKey)> entries = [];
    private readonly bool[] read = new bool[PersonNameEntry.PartitionsPerName];
    private (UInt128 Order, string Document)[] named = [];
    private int namedCount;

    /// <summary>Every entry read so far: its name and document.</summary>
    public IReadOnlyList<(string Name, string DocumentKey)> Entries => entries;

    /// <summary>Reads the name's partitions of the earlier layout, whole (none where storage has been migrated: one
    /// range read that finds nothing).</summary>
    public async Task ReadEarlierAsync()
    {
        var keys = PersonNameEntry.EarlierPartitionKeysOf(nameKey).ToList();
        if (await records.ReadPrefixAsync<PersonNameSearchPartition>(StorageNames.PersonNameIndex,
                GrainIdOf(nameKey + "#")) is { } stored)
        {
            var byId = ById(stored);
            Add(keys.SelectMany(key => EntriesOf(key, byId)));
        }
        else
        {
            Add(await FromGrainsAsync(keys));
        }
    }

    /// <summary>Reads those of partitions <paramref name="shares"/> not read yet, together.</summary>
    public async Task ReadAsync(IEnumerable<int> shares)
    {
        var keys = shares.Distinct().Where(share => !read[share])
            .Select(share => (Share: share, Key: PersonNameEntry.PartitionKeyOf(nameKey, share)))
            .ToList();
        if (keys.Count == 0)
        {
            return;
        }

        // A prefix reads the partition and its children (and, with a name that continues with '@' and a digit,
        // another name's partitions, which EntriesOf does not reach).
        var stored = await Task.WhenAll(keys.Select(k => records.ReadPrefixAsync<PersonNameSearchPartition>(
            StorageNames.PersonNameIndex, GrainIdOf(k.Key))));
        if (stored.All(s => s is not null))
        {
            Add(keys.Zip(stored).SelectMany(p => EntriesOf(p.First.Key, ById(p.Second!))));
        }
        else
        {
            Add(await FromGrainsAsync(keys.Select(k => k.Key).ToList()));
        }

        foreach (var (share, _) in keys)
        {
            read[share] = true;
        }
    }

    /// <summary>The documents read that bear the name, each once, in page-key order, after page key
    /// <paramref name="after"/> (all when null) and in partitions up to <paramref name="throughShare"/>: those a
    /// search through that partition can place.</summary>
    public IEnumerable<(UInt128 Order, string Document)> Documents(UInt128? after, int throughShare)
    {
        for (var i = 0; i < namedCount; i++)
        {
            var document = named[i];
            if (after is { } from && document.Order <= from)
            {
                continue;
            }

            if (PersonNameEntry.ShareOf(document.Order) > throughShare)
            {
                yield break;
            }

            yield return document;
        }
    }

    /// <summary>Whether <paramref name="document"/> (page key <paramref name="order"/>) bears the name in what was
    /// read.</summary>
    public bool Bears(UInt128 order, string document) =>
        Array.BinarySearch(named, 0, namedCount, (order, document), PageKeyOrder) >= 0;

    private void Add(IEnumerable<(string Name, string DocumentKey)> more)
    {
        var before = entries.Count;
        entries.AddRange(more);
        if (entries.Count == before)
        {
            return;
        }

        // Each document once with its page key's number, in page-key order; a document under several names (a
        // court's correction) has one entry each, and a document in both layouts one in each: they sort side by side.
        var all = new (UInt128 Order, string Document)[namedCount + entries.Count - before];
        Array.Copy(named, all, namedCount);
        for (var i = before; i < entries.Count; i++)
        {
            all[namedCount + i - before] = (PersonSearchAnswer.PageOrderOf(entries[i].DocumentKey), entries[i].DocumentKey);
        }

        Array.Sort(all, ByPageKey);
        var distinct = 0;
        foreach (var document in all)
        {
            if (distinct == 0 || all[distinct - 1].Document != document.Document)
            {
                all[distinct++] = document;
            }
        }

        (named, namedCount) = (all, distinct);
    }

    private async Task<IEnumerable<(string Name, string DocumentKey)>> FromGrainsAsync(IReadOnlyList<string> keys) =>
        (await Task.WhenAll(keys.Select(key => grains.GetGrain<IPersonNameIndexGrain>(key).GetEntriesAsync())))
        .SelectMany(partition => partition.Select(entry => (entry.Name, entry.DocumentKey)));

    private static Dictionary<string, PersonNameSearchPartition> ById(
        IReadOnlyList<StoredGrainState<PersonNameSearchPartition>> stored) =>
        stored.ToDictionary(s => s.GrainId, s => s.State, StringComparer.Ordinal);

    /// <summary>The entries of partition <paramref name="partitionKey"/> (a split one's from its children) among the
    /// stored partitions <paramref name="byId"/>: a partition stores each change before it answers, and its memory
    /// follows storage.</summary>
    private static IEnumerable<(string Name, string DocumentKey)> EntriesOf(string partitionKey,
        Dictionary<string, PersonNameSearchPartition> byId) =>
        PartitionSplits.EntriesOf(partitionKey, key => byId.GetValueOrDefault(GrainIdOf(key)),
            partition => partition.Split, partition => partition.Entries);

    private static int ByPageKey((UInt128 Order, string Document) x, (UInt128 Order, string Document) y) =>
        x.Order != y.Order ? x.Order.CompareTo(y.Order) : string.CompareOrdinal(x.Document, y.Document);

    private static string GrainIdOf(string key) => GrainId.Create(StorageNames.PersonNameIndex, key).ToString();
}
