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
}
