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
public sealed class StoredMaritalStatus(IGrainStorage storage, BureauClock clock)
{
    /// <summary>The status of the person whose document is <paramref name="documentKey"/> (the person it is linked to,
    /// if it is), or null where the grain must answer.</summary>
    public async Task<MaritalStatusDetails?> TryReadAsync(string documentKey)
    {
        var (key, person) = (documentKey, await ReadAsync<PersonState>(StorageNames.Person,
            GrainId.Create(StorageNames.PersonGrainType, documentKey)));
        if (person.LinkedTo is { } linkedTo)
        {
            (key, person) = (linkedTo, await ReadAsync<PersonState>(StorageNames.Person,
                GrainId.Create(StorageNames.PersonGrainType, linkedTo)));
            if (person.LinkedTo is not null)
            {
                return null;
            }
        }

        if (person.Marriages.Count(l => l.Pending) > 1)
        {
            return null;
        }

        var today = clock.Today;
        var id = MarriageRules.ParseDocumentKey(key, "idNumber", today);

        // Every link's record, the pending one's too: a registration stays pending in the person's stored record until
        // the grain next writes, and a stored registered record is the outcome the grain would settle it with.
        var marriages = await Task.WhenAll(person.Marriages.Select(link => ReadStoredAsync<MarriageState>(
            StorageNames.Marriage, GrainId.Create(StorageNames.MarriageGrainType, link.MarriageId))));
        if (marriages.Any(m => m is not { Record: MarriageRecordStatus.Registered }))
        {
            return null;
        }

        var now = clock.Now;
        var records = marriages.Select(m => new Marriage(m!, now, today, AuditScope.Actor).ToSummary()).ToList();
        return MaritalStatusRules.Details(id, person.Documents, records, registrationInProgress: false);
    }

    private async Task<T> ReadAsync<T>(string stateName, GrainId id) where T : class, new() =>
        await ReadStoredAsync<T>(stateName, id) ?? new T();

    private async Task<T?> ReadStoredAsync<T>(string stateName, GrainId id) where T : class, new() =>
        await storage.ReadStoredAsync<T>(stateName, id) is { RecordExists: true } stored ? stored.State : null;
}
