using Registry.Abstractions.Calendars;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Calendars;

/// <summary>One partition of a year's provisional deadlines; see <see cref="IProvisionalDeadlinesGrain"/>. Bounded: a
/// partition that fills splits into children and passes what it is sent on to them (<see cref="PartitionSplits"/>):
/// the weeks before a year whose calendar is not loaded bring every divorce application received in them.</summary>
[GrainType(StorageNames.ProvisionalDeadlines)]
public sealed class ProvisionalDeadlinesGrain(
    [PersistentState(StorageNames.ProvisionalDeadlines, StorageNames.Provider)]
    IPersistentState<ProvisionalDeadlinesState> state) : Grain, IProvisionalDeadlinesGrain
{
    private string Key => this.GetPrimaryKeyString();

    public Task AddAsync(string marriageId) => AddManyAsync([marriageId]);

    public async Task AddManyAsync(IReadOnlyList<string> marriageIds)
    {
        var fresh = state.State.Split
            ? marriageIds.Distinct(StringComparer.Ordinal).ToList()
            : marriageIds.Distinct(StringComparer.Ordinal).Where(id => !state.State.MarriageIds.Contains(id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        if (!state.State.Split && !PartitionSplits.Outgrows(state.State.MarriageIds.Count, fresh.Count))
        {
            state.State.MarriageIds.AddRange(fresh);
            await state.WriteOrReloadAsync();
            return;
        }

        await SplitAsync();
        await PassOnAsync(fresh);
    }

    public async Task RemoveAsync(string marriageId)
    {
        if (state.State.Split)
        {
            await Child(marriageId).RemoveAsync(marriageId);
        }
        else if (state.State.MarriageIds.Remove(marriageId))
        {
            await state.WriteOrReloadAsync();
        }
    }

    public async Task<IReadOnlyList<string>> GetAsync() =>
        state.State.Split
            ? (await Task.WhenAll(PartitionSplits.ChildrenOf(Key)
                .Select(child => GrainFactory.GetGrain<IProvisionalDeadlinesGrain>(child).GetAsync())))
                .SelectMany(ids => ids).ToList()
            : [.. state.State.MarriageIds];

    /// <summary>Sets this partition, a child of one that splits, to exactly <paramref name="marriageIds"/> (as
    /// <see cref="SplittingPartition{TEntry}.SetAsync"/> does).</summary>
    public async Task SetFromSplitAsync(IReadOnlyList<string> marriageIds)
    {
        if (!state.RecordExists && marriageIds.Count == 0)
        {
            return;
        }

        state.State = new ProvisionalDeadlinesState { MarriageIds = [.. marriageIds] };
        await state.WriteOrReloadAsync();
    }

    /// <summary>Sets each of this partition's children to exactly its ids, every child (those handed none too), then
    /// stores it split and empty (children first): the copies a split cut short by a crash left in the children go,
    /// of the ids it still holds and of those removed since alike (as <see cref="SplittingPartition{TEntry}"/>
    /// does).</summary>
    private async Task SplitAsync()
    {
        if (state.State.Split)
        {
            return;
        }

        var moved = state.State.MarriageIds.Count;
        state.State.Children = ChildHash.Mixed; // the ids go where later ones will
        var byChild = state.State.MarriageIds.ToLookup(ChildKeyOf, StringComparer.Ordinal);
        await Task.WhenAll(PartitionSplits.ChildrenOf(Key).Select(child =>
            GrainFactory.GetGrain<IProvisionalDeadlinesGrain>(child).SetFromSplitAsync(byChild[child].ToList())));
        state.State.MarriageIds = [];
        state.State.Split = true;
        await state.WriteOrReloadAsync();
    }

    private Task PassOnAsync(IEnumerable<string> marriageIds) =>
        Task.WhenAll(marriageIds.GroupBy(ChildKeyOf, StringComparer.Ordinal)
            .Select(child => GrainFactory.GetGrain<IProvisionalDeadlinesGrain>(child.Key).AddManyAsync(child.ToList())));

    private IProvisionalDeadlinesGrain Child(string marriageId) =>
        GrainFactory.GetGrain<IProvisionalDeadlinesGrain>(ChildKeyOf(marriageId));

    private string ChildKeyOf(string marriageId) => PartitionSplits.ChildOf(Key, marriageId, state.State.Children);
}
