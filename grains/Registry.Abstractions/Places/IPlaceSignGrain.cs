using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// One sign or plate, keyed <c>{place-name id}.{serial}</c> (serial from 1, given out by the place-name grain), so
/// recording a sign or its upkeep writes this sign only. Unknown keys answer <c>place-sign-not-found</c>.
/// </summary>
[Alias("Registry.Places.IPlaceSignGrain")]
public interface IPlaceSignGrain : IGrainWithStringKey
{
    /// <summary>Records the sign as set; called once by the place-name grain that gave out the serial.</summary>
    Task<PlaceSignDetails> SetAsync(SetPlaceSign command);

    /// <summary>Records maintenance, replacement or removal (final). Not idempotent.</summary>
    Task<PlaceSignDetails> RecordConditionAsync(RecordSignCondition command);

    /// <summary>The sign, or null when the serial was never used.</summary>
    [ReadOnly]
    Task<PlaceSignDetails?> FindAsync();
}
