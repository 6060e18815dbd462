using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>The division history's version; see <see cref="IDivisionHistoryVersionGrain"/>. No state: a new
/// activation starts a new epoch, which every cache takes for a change.</summary>
[GrainType(StorageNames.DivisionHistoryVersion)]
public sealed class DivisionHistoryVersionGrain : Grain, IDivisionHistoryVersionGrain
{
    private readonly Guid epoch = Guid.NewGuid();
    private long changes;

    public Task<DivisionHistoryVersion> GetAsync() =>
        Task.FromResult(new DivisionHistoryVersion(epoch, Interlocked.Read(ref changes)));

    public Task ChangedAsync()
    {
        Interlocked.Increment(ref changes);
        return Task.CompletedTask;
    }
}
