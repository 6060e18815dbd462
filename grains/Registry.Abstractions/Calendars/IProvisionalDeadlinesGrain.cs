using Orleans.Concurrency;
using Registry.Abstractions.Text;

namespace Registry.Abstractions.Calendars;

/// <summary>
/// The marriage records with an open divorce application whose deadlines were computed into a year without a loaded
/// calendar: the ones to recompute when that year's calendar is loaded, found without scanning every record. Key:
/// <c>{year}-{partition}</c>, the marriage id spread over <see cref="Partitions"/> partitions, each of which splits into
/// children when it fills (so no stored list grows with the year). Adding and removing are idempotent.
/// </summary>
[Alias("Registry.Calendars.IProvisionalDeadlinesGrain")]
public interface IProvisionalDeadlinesGrain : IGrainWithStringKey
{
    public const int Partitions = 16;

    [Alias("AddAsync")]
    Task AddAsync(string marriageId);

    /// <summary>Adds each of <paramref name="marriageIds"/>, as <see cref="AddAsync"/> does, in one write.</summary>
    [Alias("AddManyAsync")]
    Task AddManyAsync(IReadOnlyList<string> marriageIds);

    [Alias("RemoveAsync")]
    Task RemoveAsync(string marriageId);

    /// <summary>Sets this child partition to exactly <paramref name="marriageIds"/>, what its parent hands it as the
    /// parent splits (none: it holds nothing), whatever it held before (only a split cut short leaves anything in a
    /// child of an unsplit partition). Idempotent.</summary>
    [Alias("SetFromSplitAsync")]
    Task SetFromSplitAsync(IReadOnlyList<string> marriageIds);

    [ReadOnly]
    [Alias("GetAsync")]
    Task<IReadOnlyList<string>> GetAsync();

    public static string KeyOf(int year, string marriageId) =>
        $"{year}-{PartitionHash.Partition(marriageId, Partitions)}";

    public static IEnumerable<string> KeysOf(int year) => Enumerable.Range(0, Partitions).Select(p => $"{year}-{p}");
}
