namespace Registry.Abstractions.Persons;

/// <summary>
/// One entry of a person record's history, never edited once written: what happened to the person's documents (a link
/// or its undo), when and by whom it was recorded and at which office, the other record's document, how many marriage
/// records moved with it, and why (the registrar's reason, e.g. the passport renewed or the evidence that the card is
/// the archive party's). Marriages have their own history on their records.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Persons.PersonEvent")]
public sealed record PersonEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] PersonEventKind Kind,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] string Office,
    [property: Id(5)] string Document,
    [property: Id(6)] int MarriageRecords,
    [property: Id(7)] string Reason);
