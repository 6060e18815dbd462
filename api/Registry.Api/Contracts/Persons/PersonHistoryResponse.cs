using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>
/// The history of a person record's documents: <c>idNumber</c> is the key of the record answered (a linked document
/// leads to its person's record), <c>documents</c> the other documents linked to it now, <c>events</c> each link and
/// undo, oldest first.
/// </summary>
public sealed record PersonHistoryResponse(
    string IdNumber,
    IReadOnlyList<string> Documents,
    IReadOnlyList<PersonEventResponse> Events)
{
    public static PersonHistoryResponse From(PersonHistory h) =>
        new(h.IdNumber, h.Documents, h.Events.Select(PersonEventResponse.From).ToList());
}

/// <summary>One entry of a person record's history: <c>linked-to</c> (this record's document was linked to the person
/// recorded under <c>document</c>), <c>document-linked</c> (<c>document</c> joined this person), <c>unlinked-from</c>
/// and <c>document-unlinked</c> (their undo); who recorded it, when and at which office, how many marriage records
/// moved with it, and why. The other record's document is masked.</summary>
public sealed record PersonEventResponse(
    int Sequence,
    PersonEventKind Kind,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Office,
    string Document,
    int MarriageRecords,
    string Reason)
{
    public static PersonEventResponse From(PersonEvent e) =>
        new(e.Sequence, e.Kind, e.RecordedAt, e.RecordedBy, e.Office, IdentityDocument.Mask(e.Document),
            e.MarriageRecords, e.Reason);
}
