using Orleans.Concurrency;

namespace Registry.Abstractions.Divisions;

/// <summary>
/// The registry-wide view over every division's names and history, for name search and change lists. One activation
/// (key <c>cn</c>) keeps the list of the directory's parts (<see cref="IDivisionDirectoryPartGrain"/>, which hold the
/// entries) in its own state and asks each part; it never reads the division records.
/// </summary>
[Alias("Registry.Divisions.IDivisionDirectoryGrain")]
public interface IDivisionDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Divisions that ever had a name equal to <paramref name="name"/> (exact matches first) or containing
    /// it, by code; at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionNameMatch>> SearchAsync(string name, int limit);

    /// <summary>
    /// Every change effective from <paramref name="from"/> to <paramref name="to"/> (inclusive), including changes
    /// known from editions whose interval overlaps the period; with <paramref name="under"/>, only divisions whose code
    /// lies under it (GB/T 2260 prefix) or that moved under it. Oldest first.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<DivisionEvent>> GetChangesAsync(DateOnly from, DateOnly to, string? under);

    /// <summary>Every province code ever recorded.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetProvinceCodesAsync();

    /// <summary>Notes that part <paramref name="part"/> holds entries, before it stores its first. Idempotent.
    /// </summary>
    Task AddPartAsync(string part);

    /// <summary>The keys of every part that holds entries.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetPartsAsync();
}
