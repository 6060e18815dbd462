using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>Search of persons by name; see <see cref="IPersonSearchGrain"/>. A stateless worker: it only reads the
/// index and the persons, so searches never queue behind each other or behind the index's writes. The index and each
/// person's status are read from storage (<see cref="StoredMaritalStatus"/>): a common name is borne by thousands,
/// mostly cold, and a grain per person, per marriage and per index partition made the search the slowest read at
/// national scale; the statuses of a round are read together (<see cref="StoredMaritalStatus.TryReadManyAsync"/>:
/// three storage reads, not one or two a person); the person's grain answers only where storage cannot, and logs its
/// read itself.</summary>
[StatelessWorker]
[Reentrant] // holds nothing: searches waiting on storage and on the access log's commit need not wait for each other
public sealed class PersonSearchGrain(IGrainFactory grains, BureauClock clock) : Grain, IPersonSearchGrain
{
    /// <summary>The subject under which searches are logged (the query is in the entry's record field).</summary>
    public const string SearchSubject = "search";

    // Page keys' numbers, then documents (a tie of two documents' keys has a chance of about 2^-128).
    private static readonly IComparer<(UInt128 Order, string Document)> PageKeyOrder =
        Comparer<(UInt128 Order, string Document)>.Create(ByPageKey);

    public async Task<PersonSearchAnswer> SearchAsync(string name, int limit, string? after = null)
    {
        var key = PersonNameEntry.KeyOf(name);
        var entries = await EntriesAsync(name);
        // Pages follow the documents' page keys (PersonSearchAnswer.PageKeyOf), whatever order the partitions keep
        // their entries in: a page's place is a page key, so a registration between two pages neither repeats a person
        // nor moves the rest. Within a search each page key is the number it spells (PersonSearchAnswer.PageOrderOf),
        // which orders alike; a common name's thousands of documents are one sorted array, not a map and a list.
        var named = Named(entries);
        var from = after is null ? (UInt128?)null : PersonSearchAnswer.PageOrderOfKey(after);
        var documents = named.Where(d => from is null || d.Order > from).ToList();

        // Documents linked to one person answer that person's record: one result per person, shown at the first of
        // their documents under this name in page-key order (on this page or an earlier one). Statuses are asked only
        // until one more person than shown is found (a common name is borne by thousands: each status reads the
        // person's record and their marriages'), more only when linked documents turned out to be the same person.
        var stored = new StoredMaritalStatus(
            ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), clock,
            ServiceProvider.GetRequiredService<IStoredRecords>());
        var found = new List<(UInt128 PageKey, MaritalStatusDetails Status)>();
        var readFromStorage = new List<string>();
        var asked = 0;
        while (asked < documents.Count && found.Count <= limit)
        {
            var next = documents.Skip(asked).Take(limit + 1 - found.Count).ToList();
            asked += next.Count;
            var statuses = await StatusesOfAsync(stored, next.Select(d => d.Document).ToList());
            foreach (var ((order, document), (status, fromStorage)) in next.Zip(statuses))
            {
                if (fromStorage)
                {
                    readFromStorage.Add(status.IdNumber);
                }

                // Shown here only when this document is the person's first under the name.
                if (FirstPageKey(status, document, order, named) == order)
                {
                    found.Add((order, status));
                }
            }
        }

        var statusesShown = found.Take(limit).Select(f => f.Status).ToList();
        var shown = statusesShown.Zip(NamesOf(statusesShown, entries))
            .Select(p => new PersonSearchResult(p.Second, p.First))
            .ToList();
        // More were found: the next page starts after the page key of the last person shown.
        var nextPage = found.Count > limit ? PersonSearchAnswer.PageKeyText(found[limit - 1].PageKey) : null;
        // Each status read from storage is logged as the person's grain logs its own: one entry per person read.
        await Task.WhenAll(
            PersonDataAccess.RecordAsync(grains, clock, "marital-status", null, readFromStorage),
            PersonDataAccess.RecordAsync(grains, clock, "person-search",
                $"name={key}; results={shown.Count}{(nextPage is null ? "" : "+")}" +
                (after is null ? "" : "; after a previous page"), SearchSubject));
        return new PersonSearchAnswer(shown, nextPage is not null, nextPage);
    }

    /// <summary>Each document of <paramref name="entries"/> once with its page key's number, in page-key order.</summary>
    private static ArraySegment<(UInt128 Order, string Document)> Named(
        List<(string Name, string DocumentKey)> entries)
    {
        var named = new (UInt128 Order, string Document)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            named[i] = (PersonSearchAnswer.PageOrderOf(entries[i].DocumentKey), entries[i].DocumentKey);
        }

        // A document under several names (a court's correction) has one entry each: they sort side by side.
        Array.Sort(named, ByPageKey);
        var distinct = 0;
        foreach (var document in named)
        {
            if (distinct == 0 || named[distinct - 1].Document != document.Document)
            {
                named[distinct++] = document;
            }
        }

        return new ArraySegment<(UInt128 Order, string Document)>(named, 0, distinct);
    }

    private static int ByPageKey((UInt128 Order, string Document) x, (UInt128 Order, string Document) y) =>
        x.Order != y.Order ? x.Order.CompareTo(y.Order) : string.CompareOrdinal(x.Document, y.Document);

    /// <summary>The least page key of the person's documents that bear the name searched (<paramref name="named"/>,
    /// in page-key order): that of <paramref name="read"/>, the document their status was read by
    /// (<paramref name="readOrder"/>), or a lesser one.</summary>
    private static UInt128 FirstPageKey(MaritalStatusDetails status, string read, UInt128 readOrder,
        ArraySegment<(UInt128 Order, string Document)> named) =>
        status.Documents.Prepend(status.IdNumber).Where(d => d != read)
            .Select(d => (Order: PersonSearchAnswer.PageOrderOf(d), Document: d))
            .Where(d => Array.BinarySearch(named.Array!, named.Offset, named.Count, d, PageKeyOrder) >= 0)
            .Select(d => d.Order)
            .Append(readOrder)
            .Min();

    /// <summary>The names each person of <paramref name="persons"/> bears under any of their documents in
    /// <paramref name="entries"/>, in the entries' order, each once: one pass over a common name's thousands of
    /// entries, not one a person.</summary>
    private static List<List<string>> NamesOf(List<MaritalStatusDetails> persons,
        List<(string Name, string DocumentKey)> entries)
    {
        var personOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < persons.Count; i++)
        {
            foreach (var document in persons[i].Documents.Prepend(persons[i].IdNumber))
            {
                personOf.TryAdd(document, i);
            }
        }

        var names = persons.Select(_ => new List<string>()).ToList();
        foreach (var (name, document) in entries)
        {
            if (personOf.TryGetValue(document, out var person) && !names[person].Contains(name))
            {
                names[person].Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// The index entries of <paramref name="name"/> (each one's name and document), partition by partition (a split
    /// partition's from its children, see <see cref="PartitionSplits"/>): read from storage in one range query where
    /// the storage reads one (a partition stores each change before it answers, and its memory follows storage), as
    /// only what a search uses (<see cref="PersonNameSearchPartition"/>); else asked of each partition grain (a
    /// common name's 16 partitions, mostly cold, were most of a search's grains).
    /// </summary>
    private async Task<List<(string Name, string DocumentKey)>> EntriesAsync(string name)
    {
        var partitions = PersonNameEntry.PartitionKeysOf(name).ToList();
        var records = ServiceProvider.GetRequiredService<IStoredRecords>();
        if (await records.ReadPrefixAsync<PersonNameSearchPartition>(StorageNames.PersonNameIndex,
                GrainIdOf(PersonNameEntry.KeyOf(name) + "#")) is { } stored)
        {
            // The range may hold another name's partitions too (a name that continues with '#'): only those reached
            // from this name's own partitions are read.
            var byId = stored.ToDictionary(s => s.GrainId, s => s.State, StringComparer.Ordinal);
            var entries = new List<(string Name, string DocumentKey)>(stored.Sum(s => s.State.Entries.Count));
            foreach (var partition in partitions)
            {
                entries.AddRange(
                    PartitionSplits.EntriesOf(partition, key => byId.GetValueOrDefault(GrainIdOf(key)),
                        stored => stored.Split, stored => stored.Entries));
            }

            return entries;
        }

        return (await Task.WhenAll(partitions
                .Select(partition => grains.Get<IPersonNameIndexGrain>(partition).GetEntriesAsync())))
            .SelectMany(partition => partition.Select(entry => (entry.Name, entry.DocumentKey)))
            .ToList();

        static string GrainIdOf(string key) => GrainId.Create(StorageNames.PersonNameIndex, key).ToString();
    }

    /// <summary>The statuses of <paramref name="documents"/> in their order: read from storage together, and asked of
    /// the person's grain where storage cannot answer alone.</summary>
    private async Task<IReadOnlyList<(MaritalStatusDetails Status, bool FromStorage)>> StatusesOfAsync(
        StoredMaritalStatus stored, IReadOnlyList<string> documents)
    {
        var fromStorage = await stored.TryReadManyAsync(documents);
        return await Task.WhenAll(documents.Select(async (document, i) => fromStorage[i] is { } status
            ? (status, true)
            : (await grains.Get<IPersonGrain>(document).GetMaritalStatusAsync(), false)));
    }
}
