using Orleans.Storage;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>
/// A person's marital status read straight from storage, without activating the person's grain or their marriages'
/// (a search by name reads dozens of persons, mostly cold): the person's stored record and the stored records of their
/// confirmed marriages, through <see cref="MaritalStatusRules.Details"/> as <see cref="PersonGrain"/> does. Storage is
/// at least as new as any answer a grain gave, since a grain writes before it answers.
/// </summary>
/// <remarks>
/// A pending link is settled as the grain settles it (<c>PersonGrain.ResolvePendingAsync</c>, kept in memory until
/// its next write, so most stored links of registered marriages are pending): a marriage whose record is stored as
/// registered is confirmed, since that outcome is final. Answers null where the grain's answer may depend on more
/// than storage holds, and the caller asks the grain: a link whose record is not stored as registered (a registration
/// running or cut short, which the grain asks the marriage about; for a confirmed link, the grain's refusal), more than
/// one pending link (the grain settles one per read), and a document linked to a document that is itself linked (a
/// chain only a failed undo leaves). A hold taken in memory and not stored yet
/// belongs to a registration still running, which the answer precedes. The read is not logged here: the caller logs it
/// (the key of the answer's <see cref="MaritalStatusDetails.IdNumber"/>), as the grain does.
/// </remarks>
public sealed class StoredMaritalStatus(IGrainStorage storage, BureauClock clock, IStoredRecords? records = null)
{
    /// <summary>The status of the person whose document is <paramref name="documentKey"/> (the person it is linked to,
    /// if it is), or null where the grain must answer.</summary>
    public async Task<MaritalStatusDetails?> TryReadAsync(string documentKey) =>
        (await TryReadManyAsync([documentKey]))[0];

    /// <summary>
    /// <see cref="TryReadAsync"/> of each of <paramref name="documentKeys"/>, in their order. Where the storage reads
    /// many records together (<see cref="IStoredRecords.ReadManyAsync{T}"/>) that is three reads whatever the count:
    /// the documents' records, the records they are linked to, and every marriage they name; else one read a record.
    /// </summary>
    public async Task<IReadOnlyList<MaritalStatusDetails?>> TryReadManyAsync(IReadOnlyList<string> documentKeys)
    {
        var persons = await ReadManyAsync<PersonState>(StorageNames.Person,
            documentKeys.Select(d => PersonGrainId(d)).ToList());
        var linkedTo = documentKeys.Select((_, i) => persons[i]?.LinkedTo).ToList();
        var targets = await ReadManyAsync<PersonState>(StorageNames.Person,
            linkedTo.OfType<string>().Distinct(StringComparer.Ordinal).Select(PersonGrainId).ToList());
        var targetOf = linkedTo.OfType<string>().Distinct(StringComparer.Ordinal)
            .Select((key, i) => (key, i)).ToDictionary(t => t.key, t => targets[t.i], StringComparer.Ordinal);

        // Each document's person: its own record, or the one it is linked to.
        var subjects = documentKeys.Select((document, i) => linkedTo[i] is { } target
                ? (Key: target, Person: targetOf[target] ?? new PersonState())
                : (Key: document, Person: persons[i] ?? new PersonState()))
            .ToList();
        var marriageIds = subjects
            .Where(s => s.Person.LinkedTo is null && s.Person.Marriages.Count(l => l.Pending) <= 1)
            .SelectMany(s => s.Person.Marriages.Select(l => l.MarriageId))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var marriages = await ReadManyAsync<MarriageState>(StorageNames.Marriage,
            marriageIds.Select(id => GrainId.Create(StorageNames.MarriageGrainType, id).ToString()).ToList());
        var marriageOf = marriageIds.Select((id, i) => (id, i))
            .ToDictionary(m => m.id, m => marriages[m.i], StringComparer.Ordinal);

        var now = clock.Now;
        var today = clock.Today;
        return subjects.Select((subject, i) => Status(subject.Key, subject.Person, marriageOf, now, today) is { } status
                ? MaritalStatusRules.ThroughLink(status, persons[i]?.UnlinkingFrom)
                : null)
            .ToList();
    }

    private static MaritalStatusDetails? Status(string key, PersonState person,
        Dictionary<string, MarriageState?> marriageOf, DateTimeOffset now, DateOnly today)
    {
        if (person.LinkedTo is not null || person.Marriages.Count(l => l.Pending) > 1)
        {
            return null;
        }

        var id = MarriageRules.ParseDocumentKey(key, "idNumber", today);

        // Every link's record, the pending one's too: a registration stays pending in the person's stored record until
        // the grain next writes, and a stored registered record is the outcome the grain would settle it with.
        var marriages = person.Marriages.Select(link => marriageOf[link.MarriageId]).ToList();
        if (marriages.Any(m => m is not { Record: MarriageRecordStatus.Registered }))
        {
            return null;
        }

        var records = marriages.Select(m => new Marriage(m!, now, today, AuditScope.Actor).ToSummary()).ToList();
        return MaritalStatusRules.Details(id, person.Documents, records, registrationInProgress: false,
            person.LinkingTo);
    }

    private static string PersonGrainId(string key) => GrainId.Create(StorageNames.PersonGrainType, key).ToString();

    /// <summary>The stored states of <paramref name="grainIds"/> in their order, null where none is stored: together
    /// where the storage can, else each by itself through the grain storage, concurrently.</summary>
    private async Task<IReadOnlyList<T?>> ReadManyAsync<T>(string stateName, IReadOnlyList<string> grainIds)
        where T : class, new()
    {
        if (grainIds.Count == 0)
        {
            return [];
        }

        if (records is not null && await records.ReadManyAsync<T>(stateName, grainIds) is { } together)
        {
            return together;
        }

        return await Task.WhenAll(grainIds.Select(async id =>
            await storage.ReadStoredAsync<T>(stateName, GrainId.Parse(id)) is { RecordExists: true } stored
                ? stored.State
                : null));
    }
}
