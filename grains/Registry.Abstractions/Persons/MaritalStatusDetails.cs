namespace Registry.Abstractions.Persons;

/// <summary>
/// A person's marital status as of the read, with every marriage record that names them (oldest first) and the
/// current marriage when married. <see cref="RegistrationInProgress"/> is true while a registration naming the person
/// is running. <see cref="IdNumber"/> is the key of the person record's document; sex and birth date are those the
/// document carries or, for documents that do not, those the person's records give (null when there are none).
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.MaritalStatusDetails")]
public sealed record MaritalStatusDetails(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] Sex? Sex,
    [property: Id(2)] DateOnly? BirthDate,
    [property: Id(3)] MaritalStatus Status,
    [property: Id(4)] string? CurrentMarriageId,
    [property: Id(5)] bool RegistrationInProgress,
    [property: Id(6)] IReadOnlyList<MarriageRecordReference> Records)
{
    /// <summary>The keys of the person's other documents, linked to this record (oldest first).</summary>
    [Id(7)]
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>The key of the person record this document is being linked to, while that link has not completed (a
    /// link cut short: no registration holds the document until it is asked again); null otherwise.</summary>
    [Id(8)]
    public string? BeingLinkedTo { get; init; }

    /// <summary>The key of the person record the link of the document asked about is being undone from, while that
    /// undo has not completed (cut short: no registration holds the document until it is asked again; the status is
    /// still that record's); null otherwise.</summary>
    [Id(9)]
    public string? BeingUnlinkedFrom { get; init; }
}
