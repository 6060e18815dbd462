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

    public async Task<PersonSearchAnswer> SearchAsync(string name, int limit, string? after = null)
    {
        var key = PersonNameEntry.KeyOf(name);
        var entries = await EntriesAsync(name);
        // Pages follow the documents' page keys (PersonSearchAnswer.PageKeyOf), whatever order the partitions keep
        // their entries in: a page's place is a page key, so a registration between two pages neither repeats a person
        // nor moves the rest.
        // Within a search each page key is the number it spells (PersonSearchAnswer.PageOrderOf), which orders alike.
        var named = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        foreach (var (_, document) in entries)
        {
            if (!named.ContainsKey(document))
            {
                named[document] = PersonSearchAnswer.PageOrderOf(document);
            }
        }

        var from = after is null ? (UInt128?)null : PersonSearchAnswer.PageOrderOfKey(after);
        var documents = named.Where(d => from is null || d.Value > from)
            .OrderBy(d => d.Value).Select(d => d.Key).ToList();

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
            foreach (var (document, (status, fromStorage)) in next.Zip(await StatusesOfAsync(stored, next)))
            {
                if (fromStorage)
                {
                    readFromStorage.Add(status.IdNumber);
                }

                // Shown here only when this document is the person's first under the name.
                if (FirstPageKey(status, document, named) is var first && first == named[document])
                {
                    found.Add((first, status));
                }
            }
        }

        // A person's names are those of the entries of any of their documents, in the entries' order. Looked up by
        // document: a common name's thousand entries were otherwise gone through once for each person shown.
        var namesByDocument = entries.Select((entry, at) => (entry, at))
            .ToLookup(e => e.entry.DocumentKey, e => (e.at, e.entry.Name), StringComparer.Ordinal);
        var shown = found.Take(limit)
            .Select(f => new PersonSearchResult(
                f.Status.Documents.Prepend(f.Status.IdNumber).Distinct(StringComparer.Ordinal)
                    .SelectMany(document => namesByDocument[document])
                    .OrderBy(name => name.at).Select(name => name.Name).Distinct(StringComparer.Ordinal).ToList(),
                f.Status))
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

    /// <summary>The least page key of the person's documents that bear the name searched (<paramref name="named"/>,
    /// each with its page key): that of <paramref name="read"/>, the document their status was read by, or a lesser
    /// one.</summary>
    private static UInt128 FirstPageKey(MaritalStatusDetails status, string read,
        Dictionary<string, UInt128> named) =>
        status.Documents.Prepend(status.IdNumber).Append(read)
            .Where(named.ContainsKey).Min(d => named[d]);

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
            return partitions.SelectMany(partition =>
                    PersonNameSearchPartition.EntriesOf(partition, key => byId.GetValueOrDefault(GrainIdOf(key))))
                .ToList();
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
