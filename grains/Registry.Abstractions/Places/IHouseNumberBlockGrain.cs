using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Places;

/// <summary>
/// The house numbers of one street in one block of base numbers, keyed <c>{street id}|{block}</c> where block =
/// base number / 100 (block 0 holds 1-99, block 1 holds 100-199, ...), with their sub-numbers (甲12, 12-1). A long
/// street's numbers are spread over bounded blocks, so issuing a number never rewrites the street's whole list.
/// </summary>
[Alias("Registry.Places.IHouseNumberBlockGrain")]
public interface IHouseNumberBlockGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>Issues a plate and its certificate (门牌证). Not idempotent: a repeat is <c>house-number-duplicate</c>.</summary>
    Task<HouseNumberPlate> IssueAsync(AssignHouseNumber command);

    /// <summary>
    /// Takes in plates issued before house numbers lived in blocks (the street's record held them all), as they were
    /// issued: no rule is applied again, a plate whose number the block already holds is left as it is. Idempotent.
    /// <paramref name="streetLine"/> is the street's line (WKB), passed in because the street is the caller.
    /// </summary>
    Task AdoptAsync(byte[] streetLine, IReadOnlyList<HouseNumberPlate> plates);

    /// <summary>This block's plates in number order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<HouseNumberPlate>> ListAsync();

    /// <summary>The plate with canonical key <paramref name="key"/> (12, 甲12, 12-1), or null.</summary>
    [ReadOnly]
    Task<HouseNumberPlate?> FindAsync(string key);
}
