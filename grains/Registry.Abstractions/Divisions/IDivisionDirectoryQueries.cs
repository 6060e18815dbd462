using Orleans.Concurrency;

namespace Registry.Abstractions.Divisions;

/// <summary>The questions the division directory answers: asked of the whole directory
/// (<see cref="IDivisionDirectoryGrain"/>), which asks each of its parts (<see cref="IDivisionDirectoryPartGrain"/>)
/// for its own divisions and merges their answers.</summary>
[Alias("Registry.Divisions.IDivisionDirectoryQueries")]
public interface IDivisionDirectoryQueries : IAddressable
{
    /// <summary>Divisions that ever had a name equal to <paramref name="name"/> (exact matches first) or containing
    /// it, by level and code; at most <paramref name="limit"/>.</summary>
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
}
