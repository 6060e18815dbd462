namespace Registry.Abstractions.Persons;

/// <summary>One person found by name: the names the records give them and their status with their documents (the
/// read of which is logged like any status read).</summary>
[GenerateSerializer, Alias("Registry.Persons.PersonSearchResult")]
public sealed record PersonSearchResult(
    [property: Id(0)] IReadOnlyList<string> Names,
    [property: Id(1)] MaritalStatusDetails Status);

