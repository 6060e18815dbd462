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
        if (state.State.MarriageId == marriageId)
        {
            return;
        }

        if (state.State.MarriageId.Length > 0)
        {
            throw DomainException.Conflict("certificate-number-taken",
                $"Certificate number {this.GetPrimaryKeyString()} was issued by another marriage record.");
        }

        state.State.MarriageId = marriageId;
        await state.WriteAuditedAsync("index-certificate", marriageId);

        // Written once and read rarely: no reason to keep it in memory.
        DeactivateOnIdle();
    }

    public Task<string?> GetMarriageIdAsync() =>
        Task.FromResult(state.State.MarriageId.Length > 0 ? state.State.MarriageId : null);
}
