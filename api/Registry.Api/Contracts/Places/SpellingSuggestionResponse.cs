using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A suggested spelling (the likely one the rules allow), the readings of each character in this place name
/// (the first used), the other spellings the rules allow, and the characters whose place-name reading is not known
/// (with all their readings: the registrar chooses). Readings from the shipped table (npm pinyin@2.11.2, MIT); place
/// readings and minority-language forms derived from GeoNames (CC BY 4.0, geonames.org).</summary>
public sealed record SpellingSuggestionResponse(string Name, string Romanization,
    IReadOnlyList<CharacterReadingsResponse> Characters, IReadOnlyList<string> Alternatives,
    IReadOnlyList<CharacterReadingsResponse> Undetermined)
{
    public static SpellingSuggestionResponse From(SpellingSuggestion s) => new(s.Name, s.Romanization,
        s.Characters.Select(c => new CharacterReadingsResponse(c.Character, c.Readings)).ToList(),
        s.Alternatives,
        s.Undetermined.Select(c => new CharacterReadingsResponse(c.Character, c.Readings)).ToList());
}
