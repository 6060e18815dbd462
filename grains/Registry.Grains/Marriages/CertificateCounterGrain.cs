using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>The serials of one certificate series; see <see cref="ICertificateCounterGrain"/>. One per office,
/// prefix and year, so offices never wait on each other.</summary>
[GrainType(StorageNames.CertificateCounterGrainType)]
public sealed class CertificateCounterGrain(
    [PersistentState(StorageNames.CertificateCounter, StorageNames.Provider)]
    IPersistentState<CertificateCounterState> state) : Grain, ICertificateCounterGrain
{
    public async Task<int> TakeNextAsync()
    {
        if (state.State.LastSerial >= CertificateNumber.MaxSerial)
        {
            throw DomainException.Conflict("certificate-serials-exhausted",
                $"Series {this.GetPrimaryKeyString()} has handed out all {CertificateNumber.MaxSerial} serials.");
        }

        // Stored before it is handed out: a failed write reloads the stored value, so the serial is taken again
        // next time; a crash after the write skips it. Never handed out twice.
        state.State.LastSerial++;
        await state.WriteAuditedAsync("take-serial", null);
        return state.State.LastSerial;
    }
}
