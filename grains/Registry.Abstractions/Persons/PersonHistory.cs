namespace Registry.Abstractions.Persons;

/// <summary>
/// The history of a person record (<see cref="IPersonGrain.GetHistoryAsync"/>): <see cref="IdNumber"/> is the key of
/// the record answered (the one a linked document leads to), <see cref="Documents"/> the keys of the documents linked
/// to it now (oldest first), <see cref="Events"/> every link and undo of a document, oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Persons.PersonHistory")]
public sealed record PersonHistory(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] IReadOnlyList<string> Documents,
    [property: Id(2)] IReadOnlyList<PersonEvent> Events);
