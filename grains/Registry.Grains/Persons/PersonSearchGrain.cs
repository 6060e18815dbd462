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
/// index (<see cref="PersonNameIndexView"/>) and the persons, so searches never queue behind each other or behind the
/// index's writes. The index and each person's status are read from storage (<see cref="StoredMaritalStatus"/>): a common name is borne by thousands,
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
        // Pages follow the documents' page keys (PersonSearchAnswer.PageKeyOf): a page's place is a page key, so a
        // registration between two pages neither repeats a person nor moves the rest. The index keeps a name's
        // documents in sixteen partitions by page key, so a page reads from the partition its cursor falls in, on
        // only as far as it needs (one partition, then two more, then four, ...).
        var index = new PersonNameIndexView(key, ServiceProvider.GetRequiredService<IStoredRecords>(), grains);
        var from = after is null ? (UInt128?)null : PersonSearchAnswer.PageOrderOfKey(after);
        var frontier = from is null ? 0 : PersonNameEntry.ShareOf(from.Value);
        await Task.WhenAll(index.ReadEarlierAsync(), index.ReadAsync([frontier]));

        // Documents linked to one person answer that person's record: one result per person, shown at the first of
        // their documents under this name in page-key order (on this page or an earlier one). Statuses are asked only
        // until one more person than shown is found (a common name is borne by thousands: each status reads the
        // person's record and their marriages'), more only when linked documents turned out to be the same person.
        var stored = new StoredMaritalStatus(
            ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), clock,
            ServiceProvider.GetRequiredService<IStoredRecords>());
        var found = new List<(UInt128 PageKey, MaritalStatusDetails Status)>();
        var readFromStorage = new HashSet<string>(StringComparer.Ordinal);
        var asked = from;
        var reach = 1;
        while (found.Count <= limit)
        {
            var next = index.Documents(asked, frontier).Take(limit + 1 - found.Count).ToList();
            if (next.Count == 0)
            {
                if (frontier == PersonNameEntry.PartitionsPerName - 1)
                {
                    break;
                }

                reach *= 2;
                var through = Math.Min(frontier + reach, PersonNameEntry.PartitionsPerName - 1);
                await index.ReadAsync(Enumerable.Range(frontier + 1, through - frontier));
                frontier = through;
                continue;
            }

            asked = next[^1].Order;
            var statuses = await StatusesOfAsync(stored, next.Select(d => d.Document).ToList());
            // A person's documents of a lesser page key are in the partitions read, but for those before the one a
            // later page started from.
            await index.ReadAsync(next.Zip(statuses).SelectMany(p =>
                DocumentsOf(p.Second.Status).Where(d => d.Order < p.First.Order)
                    .Select(d => PersonNameEntry.ShareOf(d.Order))));
            foreach (var ((order, document), (status, fromStorage)) in next.Zip(statuses))
            {
                if (fromStorage)
                {
                    readFromStorage.Add(status.IdNumber);
                }

                // Shown here only when this document is the person's first under the name.
                if (FirstPageKey(status, document, order, index) == order)
                {
                    found.Add((order, status));
                }
            }
        }

        var statusesShown = found.Take(limit).Select(f => f.Status).ToList();
        // Every name a shown person bears under any of their documents: those documents' partitions too.
        await index.ReadAsync(statusesShown.SelectMany(DocumentsOf).Select(d => PersonNameEntry.ShareOf(d.Order)));
        var shown = statusesShown.Zip(NamesOf(statusesShown, index.Entries))
            .Select(p => new PersonSearchResult(p.Second, p.First))
            .ToList();
        // More were found: the next page starts after the page key of the last person shown.
        var nextPage = found.Count > limit ? PersonSearchAnswer.PageKeyText(found[limit - 1].PageKey) : null;
        // Each status shown that was read from storage is logged as the person's grain logs its own: one entry per
        // person shown. Those read and not shown (the one past the page, a person shown on an earlier page) were not
        // disclosed, and an auditor asking who read a person must not find them.
        await Task.WhenAll(
            PersonDataAccess.RecordAsync(grains, clock, "marital-status", null,
                statusesShown.Select(s => s.IdNumber).Where(readFromStorage.Contains)),
            PersonDataAccess.RecordAsync(grains, clock, "person-search",
                $"name={key}; results={shown.Count}{(nextPage is null ? "" : "+")}" +
                (after is null ? "" : "; after a previous page"), SearchSubject));
        return new PersonSearchAnswer(shown, nextPage is not null, nextPage);
    }

    /// <summary>Each of the person's documents with its page key's number.</summary>
    private static IEnumerable<(UInt128 Order, string Document)> DocumentsOf(MaritalStatusDetails status) =>
        status.Documents.Prepend(status.IdNumber).Distinct()
            .Select(d => (PersonSearchAnswer.PageOrderOf(d), d));

    /// <summary>The least page key of the person's documents that bear the name searched (in
    /// <paramref name="index"/>): that of <paramref name="read"/>, the document their status was read by
    /// (<paramref name="readOrder"/>), or a lesser one.</summary>
    private static UInt128 FirstPageKey(MaritalStatusDetails status, string read, UInt128 readOrder,
        PersonNameIndexView index) =>
        DocumentsOf(status).Where(d => d.Document != read && index.Bears(d.Order, d.Document))
            .Select(d => d.Order)
            .Append(readOrder)
            .Min();

    /// <summary>The names each person of <paramref name="persons"/> bears under any of their documents in
    /// <paramref name="entries"/>, in the entries' order, each once: one pass over the entries read, not one a
    /// person.</summary>
    private static List<List<string>> NamesOf(List<MaritalStatusDetails> persons,
        IReadOnlyList<(string Name, string DocumentKey)> entries)
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
