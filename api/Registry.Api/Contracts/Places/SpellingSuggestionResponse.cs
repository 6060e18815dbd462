using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A suggested spelling and the readings of each character (the first used), from the shipped table
/// (npm pinyin@2.11.2, MIT).</summary>
public sealed record SpellingSuggestionResponse(string Name, string Romanization,
    IReadOnlyList<CharacterReadingsResponse> Characters)
{
    public static SpellingSuggestionResponse From(SpellingSuggestion s) => new(s.Name, s.Romanization,
        s.Characters.Select(c => new CharacterReadingsResponse(c.Character, c.Readings)).ToList());
}
