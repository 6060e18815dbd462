namespace Registry.Abstractions.Persons;

/// <summary>The answer of a search by name: the persons shown and whether more matched.</summary>
[GenerateSerializer, Alias("Registry.Persons.PersonSearchAnswer")]
public sealed record PersonSearchAnswer(
    [property: Id(0)] IReadOnlyList<PersonSearchResult> Persons,
    [property: Id(1)] bool Truncated);
