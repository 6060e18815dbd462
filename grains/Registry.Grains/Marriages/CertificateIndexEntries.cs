using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Registry.Abstractions.Errors;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>
/// Stores a newly issued certificate number's index entry (the state of its <see cref="CertificateIndexGrain"/>)
/// straight through the grain storage, without activating that grain: an entry is written once, as its number is
/// issued, and read rarely, so the activation (placement, a read of a state that is not there yet, the write, the
/// release) was most of the cost of an entry, paid on every registration. The grain reads its state again while it
/// holds none, so an activation made before the entry was stored (a verification of a number not yet issued) does not
/// keep answering "not recorded".
/// </summary>
public static class CertificateIndexEntries
{
    /// <summary>
    /// Stores that <paramref name="marriageId"/> issued <paramref name="number"/>, only where no entry is stored yet
    /// (an insert: the write expects no stored state). Idempotent for the same marriage; a number another marriage
    /// holds is refused with <c>certificate-number-taken</c>, as by <see cref="CertificateIndexGrain.RecordAsync"/>.
    /// </summary>
    public static async Task RecordAsync(IServiceProvider services, string number, string marriageId)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var id = GrainId.Create(StorageNames.CertificateIndexGrainType, number);
        var entry = new GrainState<CertificateIndexState>(new CertificateIndexState { MarriageId = marriageId });
        try
        {
            await storage.WriteStateAsync(StorageNames.CertificateIndex, id, entry);
        }
        catch (InconsistentStateException)
        {
            // An entry is stored already: this marriage's (a repeat) or another's.
            var stored = await storage.ReadStoredAsync<CertificateIndexState>(StorageNames.CertificateIndex, id);
            if (stored.State?.MarriageId != marriageId)
            {
                throw CertificateIndexGrain.Taken(number);
            }
        }
    }
}
