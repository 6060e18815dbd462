using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>A certificate number's index entry; see <see cref="ICertificateIndexGrain"/>.</summary>
[GrainType(StorageNames.CertificateIndexGrainType)]
public sealed class CertificateIndexGrain(
    [PersistentState(StorageNames.CertificateIndex, StorageNames.Provider)]
    IPersistentState<CertificateIndexState> state) : Grain, ICertificateIndexGrain
{
    public async Task RecordAsync(string marriageId)
    {
        await ReadAgainWhileEmptyAsync();
        if (state.State.MarriageId == marriageId)
        {
            return;
        }

        if (state.State.MarriageId.Length > 0)
        {
            throw Taken(this.GetPrimaryKeyString());
        }

        state.State.MarriageId = marriageId;
        await state.WriteOrReloadAsync();

        // Written once and read rarely: no reason to keep it in memory.
        DeactivateOnIdle();
    }

    public async Task<string?> GetMarriageIdAsync()
    {
        await ReadAgainWhileEmptyAsync();
        return state.State.MarriageId.Length > 0 ? state.State.MarriageId : null;
    }

    internal static DomainException Taken(string key) =>
        DomainException.Conflict("certificate-number-taken",
            $"Certificate number {CertificateNumber.Describe(key)} was issued by another marriage record.");

    // A registration stores its number's entry without activating this grain (CertificateIndexEntries): an
    // activation that found none may be older than the entry, so it looks again before answering from an empty state.
    private async Task ReadAgainWhileEmptyAsync()
    {
        if (state.State.MarriageId.Length == 0)
        {
            await state.ReadStateAsync();
        }
    }
}
