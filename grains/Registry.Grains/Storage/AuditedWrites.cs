using System.Runtime.ExceptionServices;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;

namespace Registry.Grains.Storage;

/// <summary>Writes grain state with the operation and reason that go into the record's history.</summary>
public static class AuditedWrites
{
    /// <summary>
    /// Writes the state under an audit scope. If the write fails the in-memory state is reloaded from storage so the
    /// activation never serves a change that was not stored, and the error is rethrown.
    /// </summary>
    public static async Task WriteAuditedAsync<T>(this IPersistentState<T> state, string operation, string? reason)
    {
        try
        {
            using (AuditScope.Begin(operation, reason))
            {
                await state.WriteStateAsync();
            }
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
