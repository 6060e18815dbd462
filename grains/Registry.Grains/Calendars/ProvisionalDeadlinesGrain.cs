using Registry.Abstractions.Calendars;
using Registry.Grains.Storage;

namespace Registry.Grains.Calendars;

/// <summary>One partition of a year's provisional deadlines; see <see cref="IProvisionalDeadlinesGrain"/>.</summary>
[GrainType(StorageNames.ProvisionalDeadlines)]
public sealed class ProvisionalDeadlinesGrain(
    [PersistentState(StorageNames.ProvisionalDeadlines, StorageNames.Provider)]
    IPersistentState<ProvisionalDeadlinesState> state) : Grain, IProvisionalDeadlinesGrain
{
    public async Task AddAsync(string marriageId)
    {
        if (!state.State.MarriageIds.Contains(marriageId))
        {
            state.State.MarriageIds.Add(marriageId);
            await state.WriteAuditedAsync("add-provisional-deadline", null);
        }
    }

    public async Task RemoveAsync(string marriageId)
    {
        if (state.State.MarriageIds.Remove(marriageId))
        {
            await state.WriteAuditedAsync("remove-provisional-deadline", null);
        }
    }

    public Task<IReadOnlyList<string>> GetAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.MarriageIds]);
}
