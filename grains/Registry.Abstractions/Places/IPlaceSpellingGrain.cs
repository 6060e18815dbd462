namespace Registry.Abstractions.Places;

/// <summary>Suggests the Hanyu Pinyin spelling of a name (stateless worker, key 0). Pure; idempotent.</summary>
[Alias("Registry.Places.IPlaceSpellingGrain")]
public interface IPlaceSpellingGrain : IGrainWithIntegerKey
{
    /// <summary>The spelling per GB/T 16159 from the first reading of each character, and every reading per
    /// character; <c>place-name-han</c> (400) when the name is not all Han characters of the table.</summary>
    Task<SpellingSuggestion> SuggestAsync(string name, PlaceCategory category);
}
