using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Time;
using Registry.Grains.Persons;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>
/// See <see cref="IMarriageRecordReaderGrain"/>. A stateless worker: a record read by id is one stored record, and at
/// national scale most are cold; activating the record's grain for a read cost more than reading the record, and left
/// every record read in memory until the collection age. The stored record is the grain's answer: the grain stores
/// every change before it answers, and a record stored as registered is durable (what the grain's
/// <c>EnsureRegisteredAsync</c> requires).
/// </summary>
/// <remarks>
/// The grain answers where the stored record does not answer alone: no record stored as registered (none, a
/// registration running or cut short: the grain refuses or settles it), or, for the record read, a divorce
/// application whose last day has passed (the grain stores its lapse before answering, and the answer shows the
/// lapse's event as stored). A certificate's verification does not show applications and the grain verifies without
/// storing lapses, so a lapse does not send it to the grain. A certificate number's index entry is read from storage
/// too: its grain answers from its stored entry, and reads it again before answering none (an entry may be stored
/// without activating it, see <see cref="CertificateIndexEntries"/>), so an entry stored or not is its answer.
/// </remarks>
[StatelessWorker]
[Reentrant] // holds nothing: reads waiting on storage and on the access log's commit need not wait for each other
public sealed class MarriageRecordReaderGrain(
    IGrainFactory grains,
    BureauClock clock,
    [FromKeyedServices(StorageNames.Provider)] IGrainStorage storage) : Grain, IMarriageRecordReaderGrain
{
    public async Task<MarriageDetails> GetAsync(string marriageId)
    {
        var state = await RegisteredRecordAsync(marriageId);
        var today = clock.Today;
        if (state is null || state.Applications.Any(a => DivorcePeriods.HasLapsed(a, today)))
        {
            return await grains.Get<IMarriageGrain>(marriageId).GetAsync();
        }

        var details = new Marriage(state, clock.Now, today, AuditScope.Actor).ToDetails();
        await PersonDataAccess.RecordAsync(grains, clock, "marriage-record", marriageId,
            details.PartyA.IdNumber, details.PartyB.IdNumber);
        return details;
    }

    public async Task<CertificateVerification> VerifyCertificateAsync(string number, string key)
    {
        var entry = await storage.ReadStoredAsync<CertificateIndexState>(StorageNames.CertificateIndex,
            GrainId.Create(StorageNames.CertificateIndexGrainType, key));
        var marriageId = entry.State?.MarriageId;
        if (string.IsNullOrEmpty(marriageId))
        {
            throw DomainException.NotFound("certificate-not-found",
                $"No certificate {CertificateNumber.Describe(key)} is recorded.");
        }

        var state = await RegisteredRecordAsync(marriageId);
        return state is null
            ? await grains.Get<IMarriageGrain>(marriageId).VerifyCertificateAsync(number)
            : new Marriage(state, clock.Now, clock.Today, AuditScope.Actor).Verify(number);
    }

    /// <summary>The stored state of record <paramref name="marriageId"/> where it is stored as registered, else
    /// null (the record's grain answers).</summary>
    private async Task<MarriageState?> RegisteredRecordAsync(string marriageId)
    {
        if (!MarriageId.IsWellFormed(marriageId))
        {
            return null;
        }

        var stored = await storage.ReadStoredAsync<MarriageState>(StorageNames.Marriage,
            GrainId.Create(StorageNames.MarriageGrainType, marriageId));
        return stored is { RecordExists: true, State: { Record: MarriageRecordStatus.Registered } state }
            ? state
            : null;
    }
}
