using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Registry.Abstractions.Auditing;
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
/// registration running or cut short: the grain refuses or settles it), or a divorce application whose last day has
/// passed (the grain stores its lapse before answering, and the answer shows the lapse's event as stored).
/// </remarks>
[StatelessWorker]
[Reentrant] // holds nothing: reads waiting on storage and on the access log's commit need not wait for each other
public sealed class MarriageRecordReaderGrain(IGrainFactory grains, BureauClock clock) : Grain,
    IMarriageRecordReaderGrain
{
    public async Task<MarriageDetails> GetAsync(string marriageId)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var stored = MarriageId.IsWellFormed(marriageId)
            ? await storage.ReadStoredAsync<MarriageState>(StorageNames.Marriage,
                GrainId.Create(StorageNames.MarriageGrainType, marriageId))
            : null;
        var today = clock.Today;
        if (stored is not { RecordExists: true, State: { Record: MarriageRecordStatus.Registered } state }
            || state.Applications.Any(a => DivorcePeriods.HasLapsed(a, today)))
        {
            return await grains.Get<IMarriageGrain>(marriageId).GetAsync();
        }

        var details = new Marriage(state, clock.Now, today, AuditScope.Actor).ToDetails();
        await PersonDataAccess.RecordAsync(grains, clock, "marriage-record", marriageId,
            details.PartyA.IdNumber, details.PartyB.IdNumber);
        return details;
    }
}
