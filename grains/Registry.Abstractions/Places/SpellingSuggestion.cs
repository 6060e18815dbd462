namespace Registry.Abstractions.Places;

/// <summary>A suggested spelling and, per character, its toneless readings (first = the one used).</summary>
[GenerateSerializer, Alias("Registry.Places.SpellingSuggestion")]
public sealed record SpellingSuggestion(
    [property: Id(0)] string Name,
    [property: Id(1)] string Romanization,
    [property: Id(2)] IReadOnlyList<CharacterReadings> Characters);
