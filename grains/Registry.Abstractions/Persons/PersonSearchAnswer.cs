namespace Registry.Abstractions.Persons;

/// <summary>The answer of a search by name: the persons shown, whether more matched, and where the next page starts
/// (<see cref="Next"/>: the first document, in ordinal order, by which the last person shown bears the name; null
/// when no more matched).</summary>
[GenerateSerializer, Alias("Registry.Persons.PersonSearchAnswer")]
public sealed record PersonSearchAnswer(
    [property: Id(0)] IReadOnlyList<PersonSearchResult> Persons,
    [property: Id(1)] bool Truncated,
    [property: Id(2)] string? Next = null);
