using Registry.Abstractions.Auditing;

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
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
