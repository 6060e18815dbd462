namespace Registry.Abstractions.Places;

/// <summary>
/// A suggested spelling (the likely one of those the rules allow) and, per character, its toneless readings in this
/// place name (first = the one used). <see cref="Alternatives"/> are other spellings the rules also allow (a modifier
/// joined to the other part, an ordinal in pinyin); <see cref="Undetermined"/> lists the characters with several
/// readings whose place-name reading is not known: the suggestion uses the first, a registrar chooses.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.SpellingSuggestion")]
public sealed record SpellingSuggestion(
    [property: Id(0)] string Name,
    [property: Id(1)] string Romanization,
    [property: Id(2)] IReadOnlyList<CharacterReadings> Characters)
{
    /// <summary>Other spellings the rules allow, most likely first.</summary>
    [Id(3)]
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>Characters whose place-name reading is not known, with all their readings.</summary>
    [Id(4)]
    public IReadOnlyList<CharacterReadings> Undetermined { get; init; } = [];
}
