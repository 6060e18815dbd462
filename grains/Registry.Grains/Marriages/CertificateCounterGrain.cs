using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>
/// The serials of one certificate series; see <see cref="ICertificateCounterGrain"/>. One per office, prefix and
/// year, so offices never wait on each other.
/// </summary>
/// <remarks>
/// Serials are stored as taken before they are handed out, a block of <see cref="BlockSize"/> at a time: one durable
/// write per block instead of per certificate keeps a busy office's registrations from queueing behind their counter.
/// The unused rest of a block is given back when the activation is deactivated normally, so serials stay
/// consecutive; a crash skips at most the rest of one block (those serials appear on no certificate). A serial is
/// never handed out twice, because a new activation starts above everything stored as taken.
/// </remarks>
[GrainType(StorageNames.CertificateCounterGrainType)]
public sealed class CertificateCounterGrain(
    [PersistentState(StorageNames.CertificateCounter, StorageNames.Provider)]
    IPersistentState<CertificateCounterState> state) : Grain, ICertificateCounterGrain
{
    public const int BlockSize = 10;

    private int handedOut;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        handedOut = state.State.LastSerial;
        return Task.CompletedTask;
    }

    public async Task<int> TakeNextAsync()
    {
        if (handedOut >= CertificateNumber.MaxSerial)
        {
            throw DomainException.Conflict("certificate-serials-exhausted",
                $"Series {this.GetPrimaryKeyString()} has handed out all {CertificateNumber.MaxSerial} serials.");
        }

        if (handedOut == state.State.LastSerial)
        {
            // A failed write reloads the stored value, and nothing of the new block is handed out.
            state.State.LastSerial = Math.Min(handedOut + BlockSize, CertificateNumber.MaxSerial);
            await state.WriteOrReloadAsync();
        }

        return ++handedOut;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.LastSerial > handedOut && state.RecordExists)
        {
            // Nothing above handedOut left this activation, so the store may safely count from there again.
            state.State.LastSerial = handedOut;
            await state.WriteOrReloadAsync();
        }
    }
}
