using Orleans.Concurrency;
using Registry.Abstractions.Text;

namespace Registry.Abstractions.Calendars;

/// <summary>
/// The marriage records with an open divorce application whose deadlines were computed into a year without a loaded
/// calendar: the ones to recompute when that year's calendar is loaded, found without scanning every record. Key:
/// <c>{year}-{partition}</c>, the marriage id spread over <see cref="Partitions"/> partitions. Adding and removing
/// are idempotent.
/// </summary>
[Alias("Registry.Calendars.IProvisionalDeadlinesGrain")]
public interface IProvisionalDeadlinesGrain : IGrainWithStringKey
{
    public const int Partitions = 16;

    [Alias("AddAsync")]
    Task AddAsync(string marriageId);

    [Alias("RemoveAsync")]
    Task RemoveAsync(string marriageId);

    [ReadOnly]
    [Alias("GetAsync")]
    Task<IReadOnlyList<string>> GetAsync();

    public static string KeyOf(int year, string marriageId) =>
        $"{year}-{PartitionHash.Partition(marriageId, Partitions)}";

    public static IEnumerable<string> KeysOf(int year) => Enumerable.Range(0, Partitions).Select(p => $"{year}-{p}");
}
