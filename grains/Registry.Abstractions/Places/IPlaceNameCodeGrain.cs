namespace Registry.Abstractions.Places;

/// <summary>
/// The serial counter of place-name codes under one division and category, keyed by the 11-digit prefix (9 digits of
/// division, 2 of category; see the grains' <c>PlaceNameCode</c>). Not idempotent: each call gives out the next serial,
/// never given again (a serial given to a write that then fails stays unused).
/// </summary>
[Alias("Registry.Places.IPlaceNameCodeGrain")]
public interface IPlaceNameCodeGrain : IGrainWithStringKey
{
    /// <summary>The next serial, from 1,000 (below are the official lists' serials).</summary>
    Task<int> NextSerialAsync();
}
