using System.Runtime.ExceptionServices;
using Registry.Abstractions.Errors;

namespace Registry.Grains.Storage;

/// <summary>Writes grain state so that an activation never serves a change that was not stored. What a write means
/// (who, when, why) is the record's own: its state keeps it as entries of its history, written with it.</summary>
public static class StateWrites
{
    /// <summary>
    /// Writes the state. If the write fails the in-memory state is reloaded from storage so the activation never
    /// serves a change that was not stored, and the error is rethrown.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (OrleansException e) when (e.InnerException is DomainException refusal)
        {
            // Orleans wraps what a storage provider throws; a refusal of the data itself (text no backend can
            // store) is the caller's error and crosses the grain boundary as such.
            await state.ReadStateAsync();
            ExceptionDispatchInfo.Throw(refusal);
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }

    /// <summary>
    /// <see cref="WriteOrReloadAsync{T}"/>, and when the write fails (it may still commit, late) lets the activation go
    /// (<paramref name="letGo"/>: the grain's <c>DeactivateOnIdle</c>), so that the next call answers from what storage
    /// holds then rather than from a state that storage may no longer hold: for grains whose memory runs ahead of a
    /// write (a hold taken, a page counted, a link half made).
    /// </summary>
    public static async Task WriteOrLetGoAsync<T>(this IPersistentState<T> state, Action letGo)
    {
        try
        {
            await state.WriteOrReloadAsync();
        }
        catch
        {
            letGo();
            throw;
        }
    }
}
