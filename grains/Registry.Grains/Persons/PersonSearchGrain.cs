using Orleans.Concurrency;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;

namespace Registry.Grains.Persons;

/// <summary>Search of persons by name; see <see cref="IPersonSearchGrain"/>. A stateless worker: it only reads the
/// index and the persons, so searches never queue behind each other or behind the index's writes.</summary>
[StatelessWorker]
public sealed class PersonSearchGrain(IGrainFactory grains, BureauClock clock) : Grain, IPersonSearchGrain
{
    /// <summary>The subject under which searches are logged (the query is in the entry's record field).</summary>
    public const string SearchSubject = "search";

    public async Task<PersonSearchAnswer> SearchAsync(string name, int limit)
    {
        var key = PersonNameEntry.KeyOf(name);
        var entries = (await Task.WhenAll(PersonNameEntry.PartitionKeysOf(name)
                .Select(partition => grains.Get<IPersonNameIndexGrain>(partition).GetEntriesAsync())))
            .SelectMany(partition => partition)
            .ToList();
        var documents = entries.Select(e => e.DocumentKey).Distinct(StringComparer.Ordinal).ToList();

        // Documents linked to one person answer that person's record: one result per person. Statuses are asked
        // only until one more person than shown is found (a common name is borne by thousands: each status is a
        // person's grain), more only when linked documents turned out to be the same person.
        var statuses = new List<MaritalStatusDetails>();
        var asked = 0;
        var found = 0;
        while (asked < documents.Count && found <= limit)
        {
            var next = documents.Skip(asked).Take(limit + 1 - found).ToList();
            asked += next.Count;
            statuses.AddRange(await Task.WhenAll(next.Select(d => grains.Get<IPersonGrain>(d).GetMaritalStatusAsync())));
            found = statuses.Select(s => s.IdNumber).Distinct(StringComparer.Ordinal).Count();
        }

        var persons = statuses.GroupBy(s => s.IdNumber, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(s => new PersonSearchResult(
                entries.Where(e => e.DocumentKey == s.IdNumber || s.Documents.Contains(e.DocumentKey))
                    .Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList(),
                s))
            .ToList();
        var truncated = persons.Count > limit || asked < documents.Count;
        var shown = persons.Take(limit).ToList();
        await PersonDataAccess.RecordAsync(grains, clock, "person-search",
            $"name={key}; results={shown.Count}{(truncated ? "+" : "")}", SearchSubject);
        return new PersonSearchAnswer(shown, truncated);
    }
}
